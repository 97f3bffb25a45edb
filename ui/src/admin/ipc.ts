// How the admin screen talks to Rust. Every admin command goes through a `Call` (Tauri's
// `invoke` in the app, a stand-in in tests), so the screens can be tested without Rust.
import { invoke } from "@tauri-apps/api/core";
import type { SettingsForm } from "../ipc/admin_bindings";

export type Call = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

/** Tauri's IPC: what the admin screen uses unless it is given another `Call`. */
export const tauriCall: Call = invoke;

/** The settings a kiosk that was never set up starts the wizard with (Rust owns the defaults). */
export function adminFirstRunForm(call: Call = tauriCall): Promise<SettingsForm> {
  return call<SettingsForm>("admin_first_run_form");
}
