// Loaded by every Custom UI iframe before its bundle (served as /bridge-shim.js): defines
// `window.__bridge` the way Jira's host does, forwarding each call to the host page that owns
// the frame (same origin), which answers invoke, getContext, events, submit and the rest.
export {};

interface HostApi {
  callBridge(frameId: string, name: string, payload: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    __bridge?: { callBridge: (name: string, payload?: unknown) => Promise<unknown> };
    __reglamentHost?: HostApi;
  }
}

const frameId = new URLSearchParams(location.search).get('frame') ?? '';
const parentHost = (): HostApi => {
  const host = window.parent !== window ? window.parent.__reglamentHost : undefined;
  if (!host) throw new Error('Reglament local host: this app must run inside the host page (open http://localhost:PORT/)');
  return host;
};

window.__bridge = {
  callBridge: (name: string, payload?: unknown) => parentHost().callBridge(frameId, name, payload),
};
