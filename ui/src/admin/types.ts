import type { AdminOverview } from "../ipc/admin_bindings";
import type { CameraPreview } from "./camera";
import type { Call } from "./ipc";

/** What every admin screen gets from the panel (`panel.ts`) that shows it. */
export interface AdminContext {
  readonly panel: HTMLElement;
  /** Rust's admin commands as they are (status, PIN, lock). */
  call: Call;
  /** For commands behind the PIN: counts as activity, and a locked screen goes back to the PIN. */
  guarded: Call;
  /** Replaces the panel's content with a titled screen (ending any preview); focuses and returns the heading. */
  show(title: string, ...children: (Node | string)[]): HTMLElement;
  /** A check that stays true while the screen shown now is still shown (not replaced, not closed). */
  stillShown(): () => boolean;
  /** Locks and closes the admin screen. */
  close(): void;
  /** The camera preview, which must end whenever the screen changes or closes. */
  preview: CameraPreview;
  /** The other screens, to move on to. */
  go: {
    overview(): Promise<void>;
    /** The settings wizard, filled from the overview, or with the first-run settings when there is none. */
    wizard(overview: AdminOverview | null): Promise<void>;
    saved(path: string): void;
  };
}
