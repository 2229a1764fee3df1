import { type ComponentType, lazy, type LazyExoticComponent } from 'react';

export type PreloadableComponent<P> = LazyExoticComponent<ComponentType<P>> & { preload: () => Promise<unknown> };

/**
 * React.lazy for a named export, plus `preload()` so the app can start fetching a screen's chunk
 * before it renders (avoids the shell-then-page waterfall on the first load).
 */
export function lazyPage<P extends object, M extends Record<string, unknown>>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
): PreloadableComponent<P> {
  let promise: Promise<M> | undefined;
  const loadOnce = () => {
    promise ??= load().catch((error: unknown) => {
      promise = undefined; // let a later attempt retry a failed download
      throw error;
    });
    return promise;
  };
  const component = lazy(async () => ({ default: pick(await loadOnce()) })) as PreloadableComponent<P>;
  component.preload = loadOnce;
  return component;
}
