// The few design-system pieces the apps need, as plain elements with token classes (Atlaskit's
// components bring emotion, which needs 'unsafe-inline' styles under Forge's CSP).
import type { ReactNode } from 'react';
import type { ClockState } from '../../src/shared/contract';

export type LozengeTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

export const STATE_TONE: Record<ClockState, LozengeTone> = {
  running: 'success',
  atRisk: 'warning',
  paused: 'neutral',
  met: 'success',
  breached: 'danger',
};

export function Lozenge({ tone, bold, children }: { tone: LozengeTone; bold?: boolean; children: ReactNode }) {
  return <span className={`lozenge lozenge--${tone}${bold ? ' lozenge--bold' : ''}`}>{children}</span>;
}

/** A progress bar; the width is set through the CSSOM (`style` prop), which CSP allows. */
export function ProgressBar({ value, label, variant }: { value: number; label: string; variant: ClockState }) {
  const clamped = Math.min(1, Math.max(0, value));
  const percent = Math.round(clamped * 100);
  return (
    <div className={`progress progress--${variant}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className="progress__bar" style={{ transform: `scaleX(${clamped})` }} />
    </div>
  );
}

export function Message({ tone = 'info', children, role }: { tone?: 'info' | 'warning' | 'error' | 'success'; children: ReactNode; role?: 'status' | 'alert' }) {
  return (
    <div className={`message message--${tone}`} role={role}>
      {children}
    </div>
  );
}
