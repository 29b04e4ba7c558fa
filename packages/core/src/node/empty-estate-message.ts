/** What every command and the server say of an estate with no workspace: one message, the same everywhere. */
export function emptyEstateMessage(source: string): string {
  return `no workspace in ${source}: it has no impact.yaml and no *.tfstate below it`;
}
