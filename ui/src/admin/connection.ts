// A "Test connection" button and the step-by-step report it shows (overview and wizard).
import type { ConnectionReport, Service } from "../ipc/admin_bindings";
import { button, h } from "../dom";
import { sayPhraseToStaff, sayToStaff } from "../language";
import { errorText, message, sentences } from "./frame";

function reportList(report: ConnectionReport): HTMLElement {
  return h(
    "ul",
    { class: `check-steps ${report.ok ? "ok" : "failed"}` },
    ...report.steps.map((step) =>
      h(
        "li",
        { class: step.ok ? "step-ok" : "step-failed" },
        h("strong", {}, `${step.ok ? "✓" : "✗"} ${sayToStaff("admin-step-heading", { step: sayPhraseToStaff(step.label) })} `),
        sentences(step.detail),
      ),
    ),
  );
}

/** The button, and the place its report appears (`#connection-<service>`). */
export function testButton(service: Service, label: string, run: () => Promise<ConnectionReport>): [HTMLElement, HTMLElement] {
  const result = h("div", { id: `connection-${service}`, class: "connection-result", "aria-live": "polite" });
  const testIt = button(`test-${service}`, label, async () => {
    testIt.disabled = true;
    result.replaceChildren(h("p", { class: "hint" }, sayToStaff("admin-testing")));
    try {
      const report = await run();
      result.replaceChildren(
        h("p", { class: "status" }, sayToStaff(report.ok ? "admin-connected" : "admin-not-connected")),
        reportList(report),
      );
    } catch (error) {
      result.replaceChildren(errorText(message(error)));
    } finally {
      testIt.disabled = false;
    }
  }, "secondary");
  return [testIt, result];
}
