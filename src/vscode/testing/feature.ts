import type { Feature, FeatureDeps } from '../feature';

/** Builds and wires the testing feature. */
export function registerTestingFeature(_deps: FeatureDeps): Feature {
  return { disposables: [] };
}
