// The admin screen, one module per screen or piece:
// panel.ts (open/close, idle, Escape, first screen), frame.ts (shared frame and texts),
// pin.ts (choose/unlock), overview.ts, camera.ts (choice and preview), connection.ts (tests),
// wizard.ts with wizard_steps.ts (settings), saved.ts, ipc.ts (calls into Rust).
export { createAdmin, type Admin } from "./panel";
