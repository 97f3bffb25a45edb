import "./styles.css";
import { start } from "./app";

// A touch kiosk has no use for the browser's context menu (long-press).
document.addEventListener("contextmenu", (event) => event.preventDefault());

const root = document.getElementById("app");
if (root) void start(root);
