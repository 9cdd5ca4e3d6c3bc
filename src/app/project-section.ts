import { deleteProject, listProjects, renameProject, type ProjectSummary } from '../persist/projects.ts';
import type { Autosave } from './autosave.ts';
import { button, download, el, section } from './controls.ts';
import type { History } from './history.ts';
import type { Session } from './session.ts';
import type { AppState } from './state.ts';

/**
 * Undo and redo, the saved projects on this device (open, rename, duplicate, delete), and design and project files.
 * Names and texts are shown with textContent only: nothing a user typed or a file held becomes HTML.
 */
export function buildProjectSection(h: History<AppState>, session: () => Session, autosave: () => Autosave): HTMLElement {
  const undo = button('Undo', () => h.undo(), { 'aria-keyshortcuts': 'Control+Z' });
  const redo = button('Redo', () => h.redo(), { 'aria-keyshortcuts': 'Control+Shift+Z Control+Y' });
  const sync = (): void => {
    undo.disabled = !h.canUndo;
    redo.disabled = !h.canRedo;
  };
  h.onChange(sync);
  sync();

  const list = el('ul', { class: 'projects', 'aria-label': 'Saved projects' });
  const refreshList = async (): Promise<void> => {
    const items = await listProjects().catch(() => [] as ProjectSummary[]);
    list.replaceChildren(...items.map((p) => projectItem(p)));
    if (items.length === 0) list.append(el('li', { class: 'hint' }, 'No saved projects yet.'));
  };
  const projectItem = (p: ProjectSummary): HTMLElement => {
    const img = el('img', { alt: '', width: '48', height: '36' });
    if (p.thumbnail) {
      const url = URL.createObjectURL(p.thumbnail);
      img.src = url;
      img.onload = () => URL.revokeObjectURL(url);
    }
    const name = el('span', { class: 'project-name' });
    name.textContent = p.demo ? `${p.name} (demo)` : p.name;
    const current = p.id === autosave().projectId();
    return el(
      'li',
      { 'data-project': p.id, ...(current ? { 'aria-current': 'true' } : {}) },
      img,
      name,
      button('Open', () => void session().openProject(p.id).then(refreshList, () => undefined), { 'aria-label': `Open ${p.name}` }),
      button('Rename', () => {
        const n = prompt('New name for this project:', p.name)?.trim();
        if (n) void renameProject(p.id, n.slice(0, 80)).then(() => (current ? autosave().useProject(p.id, n.slice(0, 80)) : undefined)).then(refreshList);
      }, { 'aria-label': `Rename ${p.name}` }),
      button('Duplicate', () => void session().duplicate(p.id).then(refreshList, () => undefined), { 'aria-label': `Duplicate ${p.name}` }),
      button('Delete', () => {
        if (confirm(`Delete "${p.name}" from this device? This cannot be undone.`)) void deleteProject(p.id).then(refreshList);
      }, { 'aria-label': `Delete ${p.name}` }),
    );
  };
  const details = el('details', {}, el('summary', {}, 'Saved projects'), list);
  details.addEventListener('toggle', () => details.open && void refreshList());

  const designInput = el('input', { type: 'file', accept: '.json,application/json', id: 'c-design-file', class: 'file' });
  designInput.addEventListener('change', () => {
    const f = designInput.files?.[0];
    designInput.value = '';
    if (f) void session().openDesignFile(f).catch(() => undefined);
  });
  const bundleInput = el('input', { type: 'file', accept: '.json,.smp,application/json', id: 'c-project-file', class: 'file' });
  bundleInput.addEventListener('change', () => {
    const f = bundleInput.files?.[0];
    bundleInput.value = '';
    if (f) void session().openBundle(f).catch(() => undefined);
  });

  return section(
    'Project',
    el('div', { class: 'row' }, undo, redo),
    details,
    el('div', { class: 'row' }, button('Save design file', () => download(session().saveDesignFile(), 'smp-design.json')), el('label', { for: 'c-design-file', class: 'file-button' }, 'Open design file…'), designInput),
    el('div', { class: 'row' }, button('Save project file', () => void session().saveBundle().then((b) => download(b, 'smp-project.json'))), el('label', { for: 'c-project-file', class: 'file-button' }, 'Open project file…'), bundleInput),
  );
}

