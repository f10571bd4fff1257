// The editors' accessible names follow their tabs: the applied file's, as kubectl names it
// ("deployment.yaml manifest": a Deployment is not a "Pod manifest"), and "Cluster manifest". Apart
// from ManifestTabs so that the plain textarea shown before CodeMirror loads uses the same name.
export const manifestLabel = (file: string): string => `${file} manifest`;
export const CLUSTER_LABEL = 'Cluster manifest';
