import { router } from '@forge/bridge';

function openIssue(key: string): void {
  const path = `/browse/${encodeURIComponent(key)}`;
  // In Jira the router opens the issue in the host; elsewhere (local host) a new tab will do.
  router.open(path).catch(() => window.open(path, '_blank', 'noopener'));
}

export function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <a
      href={`/browse/${issueKey}`}
      onClick={(e) => {
        e.preventDefault();
        openIssue(issueKey);
      }}
    >
      {issueKey}
    </a>
  );
}
