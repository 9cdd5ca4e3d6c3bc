import { createStore, del, get, getMany, keys, set, type UseStore } from 'idb-keyval';
import type { Design } from '../design/types.ts';

/** A saved client project: the design, the photo's original file, and a small thumbnail. Kept on this device only. */
export interface ProjectRecord {
  id: string;
  name: string;
  savedAt: number;
  design: Design;
  photo: Blob;
  /** Shown in the list instead of the photo's file name, which may name the client. */
  demo: boolean;
  thumbnail: Blob | null;
}

export type ProjectSummary = Pick<ProjectRecord, 'id' | 'name' | 'savedAt' | 'thumbnail' | 'demo'>;

let db: UseStore | undefined;
const store = (): UseStore => (db ??= createStore('smp-simulator', 'projects'));

const recordKey = (id: string) => `project:${id}`;
const summaryKey = (id: string) => `summary:${id}`;

export async function saveProject(p: ProjectRecord): Promise<void> {
  const summary: ProjectSummary = { id: p.id, name: p.name, savedAt: p.savedAt, thumbnail: p.thumbnail, demo: p.demo };
  await set(recordKey(p.id), p, store());
  await set(summaryKey(p.id), summary, store());
}

export const loadProject = (id: string): Promise<ProjectRecord | undefined> => get<ProjectRecord>(recordKey(id), store());

/** Newest first. */
export async function listProjects(): Promise<ProjectSummary[]> {
  const ks = (await keys(store())).filter((k): k is string => typeof k === 'string' && k.startsWith('summary:'));
  const all = (await getMany<ProjectSummary>(ks, store())).filter((s): s is ProjectSummary => !!s);
  return all.sort((a, b) => b.savedAt - a.savedAt);
}

export async function deleteProject(id: string): Promise<void> {
  await del(recordKey(id), store());
  await del(summaryKey(id), store());
  if ((await currentProjectId()) === id) await del('current', store());
}

export async function renameProject(id: string, name: string): Promise<void> {
  const p = await loadProject(id);
  if (p) await saveProject({ ...p, name });
}

export async function duplicateProject(id: string, newId: string): Promise<ProjectRecord | undefined> {
  const p = await loadProject(id);
  if (!p) return undefined;
  const copy = { ...p, id: newId, name: `${p.name} (copy)`, savedAt: Date.now() };
  await saveProject(copy);
  return copy;
}

export const currentProjectId = (): Promise<string | undefined> => get<string>('current', store());
export const setCurrentProject = (id: string): Promise<void> => set('current', id, store());

export function newProjectId(): string {
  return crypto.randomUUID();
}

/** A default name that says when, not who. */
export function defaultProjectName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Project ${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
