import type { Photo } from '../photo/load-photo.ts';
import { createBrowserPatternPool } from '../pool/browser-pool.ts';
import { createFieldClient, type FieldClient } from '../pool/field-client.ts';
import type { PatternPool } from '../pool/pattern-pool.ts';
import { Scene } from '../render/scene.ts';
import { fitView, zoomAt } from '../render/view.ts';
import { buildCompareSection, mountCompareView } from './compare-view.ts';
import { buildConsultationSection } from './consultation.ts';
import { el } from './controls.ts';
import { createOverlay } from './overlay.ts';
import { buildPanel } from './panel.ts';
import { startPipeline, type PipelineStatus } from './pipeline.ts';
import { createAppStore, type AppState, type AppStore, type ToolId } from './state.ts';
import { createStatusBar } from './status.ts';
import { startThinning } from './thinning.ts';
import { brushTool } from './tools/brush-tool.ts';
import { calibrateTool } from './tools/calibrate-tool.ts';
import { eyedropperTool } from './tools/eyedropper-tool.ts';
import { guidesTool } from './tools/guides-tool.ts';
import { hairlineTool } from './tools/hairline-tool.ts';
import { maskBrushTool } from './tools/mask-brush-tool.ts';
import { polygonTool } from './tools/polygon-tool.ts';
import type { Tool, ToolContext, ToolFactory } from './tools/tool.ts';
import { dotScarTool } from './tools/dot-scar-tool.ts';
import { patchTool } from './tools/patch-tool.ts';
import { zonePathTool } from './tools/zone-path-tool.ts';
import { attachViewInput } from './view-input.ts';

/** Tools by id; an id without a factory behaves like Pan. */
export const TOOL_FACTORIES: Partial<Record<ToolId, ToolFactory>> = {
  hairline: hairlineTool,
  brush: brushTool('add'),
  eraser: brushTool('erase'),
  polygon: polygonTool,
  'calibrate-ruler': calibrateTool('ruler'),
  'calibrate-pupils': calibrateTool('pupils'),
  eyedropper: eyedropperTool('pigment'),
  'eyedropper-skin': eyedropperTool('skin'),
  'eyedropper-hair': eyedropperTool('hair'),
  guides: guidesTool,
  zone: zonePathTool('outline'),
  'strip-scar': zonePathTool('strip'),
  'dot-scar': dotScarTool,
  patch: patchTool,
  'mask-hair': maskBrushTool('hair'),
  'mask-scalp': maskBrushTool('scalp'),
};

export interface App {
  store: AppStore;
  scene: Scene;
  pool: PatternPool;
  /** The field worker's client: shapes of the treatment area, for the pipeline and the compare panes. */
  fields: FieldClient;
  /** The photo on screen, with its original file for full-resolution export. */
  photo(): Photo | null;
  /** Replaces the photo and the design in one step; the old photo and design stay if this is never called. */
  showPhoto(photo: Photo, next: (s: AppState) => AppState): void;
  /** Resolves once the dots on screen match the current design. */
  whenReady(): Promise<void>;
  fit(): void;
}

/** Builds the app inside `root`: the view (WebGL canvas + tool overlay), the panel and the status bar. */
export async function createApp(
  root: HTMLElement,
  initial: AppState,
  sections: (store: AppStore, app: () => App) => { photoSection: HTMLElement; exportSection: HTMLElement; projectSection?: HTMLElement },
): Promise<App> {
  const store = createAppStore(initial);
  const holder: { app?: App } = {};
  const parts = sections(store, () => holder.app!);
  const viewHost = el('div', { class: 'view', 'data-testid': 'view' });
  const status = createStatusBar();
  const centre = (): { x: number; y: number } => ({ x: viewHost.clientWidth / 2, y: viewHost.clientHeight / 2 });
  const zoomBy = (f: number): void => store.update((s) => ({ ...s, view: zoomAt(s.view, f, centre().x, centre().y) }));
  const { panel, refresh } = buildPanel(store, {
    top: [...(parts.projectSection ? [parts.projectSection] : []), parts.photoSection],
    bottom: [parts.exportSection, buildCompareSection(store), buildConsultationSection(store, () => holder.app!)],
    view: { fit: () => fit(), actualSize: () => zoomBy(1 / store.get().view.scale), zoom: zoomBy },
  });
  root.append(el('div', { class: 'stage' }, viewHost, status.bar), panel);

  const scene = await Scene.create(viewHost);
  const overlay = createOverlay(viewHost);
  const pool = createBrowserPatternPool();
  void pool.warm().catch(() => undefined);

  const ctx: ToolContext = { store, layer: overlay.layer, scale: () => store.get().view.scale, readPhoto: (x, y, r) => scene.readPhoto(x, y, r) };
  const tools = new Map<ToolId, Tool>();
  for (const [id, make] of Object.entries(TOOL_FACTORIES) as [ToolId, ToolFactory][]) tools.set(id, make(ctx));
  const active = (): Tool | undefined => tools.get(store.get().tool);
  let drawnTool: Tool | undefined;

  const render = (s: AppState, prev?: AppState): void => {
    overlay.update(s);
    const tool = active();
    if (tool !== drawnTool) {
      drawnTool?.leave?.();
      overlay.layer.replaceChildren();
      drawnTool = tool;
    }
    tool?.draw(s);
    viewHost.dataset.tool = s.tool;
    status.showState(s);
    if (!prev || prev.design !== s.design || prev.tool !== s.tool || prev.split !== s.split || prev.showBefore !== s.showBefore || prev.brush !== s.brush) refresh();
  };
  store.subscribe(render);
  attachViewInput(viewHost, store, active);
  const waiters: (() => void)[] = [];
  let ready = false;
  /** The pipeline's last word, and how many other parts of the picture are still being made (the hair mask). */
  let pipeline: PipelineStatus | undefined;
  let holds = 0;
  const report = (): void => {
    if (!pipeline) return;
    ready = pipeline.shown === pipeline.wanted && holds === 0;
    status.showPipeline(pipeline, ready);
    if (ready) waiters.splice(0).forEach((w) => w());
  };
  /** The picture is not ready until the returned release is called (once). */
  const hold = (): (() => void) => {
    holds++;
    report();
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      holds--;
      report();
    };
  };
  const fields = createFieldClient();
  startPipeline(
    store,
    pool,
    scene,
    (p) => {
      pipeline = p;
      report();
    },
    fields,
  );
  status.bar.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).classList.contains('dismiss')) store.update((s) => ({ ...s, notice: null }));
  });

  const fit = (): void => {
    const { width, height } = store.get().design.photo;
    const v = scene.viewSize;
    store.update((s) => ({ ...s, view: fitView(width, height, v.width, v.height) }));
  };
  // On resize keep the photo point at the centre of the view where it is.
  let size = { w: viewHost.clientWidth, h: viewHost.clientHeight };
  new ResizeObserver(() => {
    const w = viewHost.clientWidth, h = viewHost.clientHeight;
    const dx = (w - size.w) / 2, dy = (h - size.h) / 2;
    size = { w, h };
    if (dx || dy) store.update((s) => ({ ...s, view: { ...s.view, x: s.view.x + dx, y: s.view.y + dy } }));
  }).observe(viewHost);
  render(store.get());

  let current: Photo | null = null;
  scene.onContext((e) =>
    store.update((s) => ({ ...s, notice: e === 'lost' ? { kind: 'info', text: 'The graphics card was reset; restoring the picture…' } : null })),
  );
  const self: App = {
    store,
    scene,
    pool,
    fields,
    photo: () => current,
    showPhoto(photo, next) {
      const s = next(store.get());
      scene.setPhoto(photo.display, s.design.photo, photo.displayScale);
      current = photo;
      // Readiness is the pipeline's to say: it turns false as soon as the design needs new dots, at once.
      store.update(() => s);
      fit();
    },
    whenReady: () => (ready ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    fit,
  };
  holder.app = self;
  startThinning(self, hold);
  mountCompareView(viewHost, self);
  return self;
}
