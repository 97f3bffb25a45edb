// The only place that talks to Rust. Rust owns the session: we ask for the current view once,
// follow `view` events, and send intents back.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Intent, View } from "./bindings";

export type * from "./bindings";

/** The view to render on start-up. */
export function currentView(): Promise<View> {
  return invoke<View>("current_view");
}

/** Tell Rust what the person did. */
export function sendIntent(intent: Intent): Promise<void> {
  return invoke<void>("send_intent", { intent });
}

/** Called with every new view Rust publishes. */
export function onView(handler: (view: View) => void): Promise<UnlistenFn> {
  return listen<View>("view", (event) => handler(event.payload));
}

/**
 * The next camera preview frame newer than `after` (binary: see `camera.ts`); empty when no
 * camera is running.
 */
export function nextPreviewFrame(after: number): Promise<ArrayBuffer | number[]> {
  return invoke<ArrayBuffer | number[]>("next_preview_frame", { after });
}

/** The downscaled copy of the still under review (binary: see `camera.ts`); empty if none. */
export function reviewImage(): Promise<ArrayBuffer | number[]> {
  return invoke<ArrayBuffer | number[]>("review_image");
}
