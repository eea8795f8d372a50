// Placeholder until this page is built in this change; replaced before commit.
export function ListeningTopicsPage() {
  return null;
}
