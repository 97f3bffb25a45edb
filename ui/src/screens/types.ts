import type { Intent, Screen, View } from "../ipc/bindings";

export type ScreenName = Screen["name"];
export type ScreenOf<N extends ScreenName> = Extract<Screen, { name: N }>;

export interface ScreenContext {
  send(intent: Intent): void;
  /** The whole view the screen was first rendered from (kiosk mode, demo flag). */
  view: View;
}

export interface ScreenInstance<S> {
  /** Where focus goes when this screen appears (defaults to the heading). */
  focusTarget: HTMLElement;
  /**
   * Apply a changed view of the same screen in place (e.g. a new instruction while the live
   * preview keeps running). Return false to have the shell re-render the screen instead.
   */
  update?(next: S): boolean;
  /** Release listeners and timers that outlive the DOM. */
  destroy?(): void;
}

export type ScreenRenderer<S> = (root: HTMLElement, screen: S, ctx: ScreenContext) => ScreenInstance<S>;
