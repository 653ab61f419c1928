import type { Feature, FeatureDeps } from '../feature';

/** Builds and wires the language feature. */
export function registerLanguageFeature(_deps: FeatureDeps): Feature {
  return { disposables: [] };
}
