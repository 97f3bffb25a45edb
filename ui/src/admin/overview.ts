// The overview behind the PIN: this kiosk's facts, connection tests, recent days' outcomes, the
// camera, and the way into the settings wizard.
import type { AdminOverview, AuditDay, ConnectionReport } from "../ipc/admin_bindings";
import { button, h } from "../dom";
import { cameraSection } from "./camera";
import { testButton } from "./connection";
import { errorText, message } from "./frame";
import type { AdminContext } from "./types";

/** Outcomes per day, or a note that there are none yet. */
function auditTable(audit: AuditDay[]): HTMLElement {
  return audit.length === 0
    ? h("p", { id: "audit-empty" }, "No enrollments recorded yet.")
    : h(
        "table",
        { id: "audit-table", class: "audit" },
        h("caption", {}, "Outcomes per day (UTC). No personal data is recorded."),
        h("thead", {}, h("tr", {}, ...["Day", "Started", "Attested by staff", "Proofed", "Issued", "Failed", "Cards verified", "Verification failed"].map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          ...audit.map((day) =>
            h(
              "tr",
              { "data-day": day.day },
              h("th", { scope: "row" }, day.day),
              h("td", { "data-count": "started" }, String(day.started)),
              h(
                "td",
                { "data-count": "attested" },
                String(day.attested),
                ...day.attested_by.map((s) => h("span", { class: "failure-reason" }, `${s.staff_code}: ${s.count}`)),
                day.attestation_declined > 0 ? h("span", { class: "failure-reason" }, `Could not confirm: ${day.attestation_declined}`) : null,
              ),
              h("td", { "data-count": "proofed" }, String(day.proofed)),
              h("td", { "data-count": "issued" }, String(day.issued)),
              h(
                "td",
                { "data-count": "failed" },
                String(day.failed_total),
                ...day.failures.map((f) => h("span", { class: "failure-reason" }, `${f.reason}: ${f.count}`)),
              ),
              h("td", { "data-count": "verified" }, String(day.verified)),
              h(
                "td",
                { "data-count": "verification-failed" },
                String(day.verification_failed_total),
                ...day.verification_failures.map((f) => h("span", { class: "failure-reason" }, `${f.reason}: ${f.count}`)),
              ),
            ),
          ),
        ),
      );
}

export async function renderOverview(ctx: AdminContext): Promise<void> {
  let overview: AdminOverview;
  try {
    overview = await ctx.guarded<AdminOverview>("admin_overview");
  } catch (error) {
    ctx.show("Administration", errorText(message(error)));
    return;
  }
  const [testEntra, entraResult] = testButton("entra", "Test Entra connection", () =>
    ctx.guarded<ConnectionReport>("admin_test_connection", { service: "entra" }),
  );
  const [testKosmos, kosmosResult] = testButton("onekosmos", "Test 1Kosmos connection", () =>
    ctx.guarded<ConnectionReport>("admin_test_connection", { service: "onekosmos" }),
  );
  const [testRelay, relayResult] = testButton("relay", "Test the callback relay", () =>
    ctx.guarded<ConnectionReport>("admin_test_connection", { service: "relay" }),
  );
  const relay = overview.relay;
  const audit = auditTable(overview.audit);
  const camera = cameraSection(ctx, overview.cameras);
  ctx.show(
    "Administration",
    h(
      "section",
      { class: "admin-section", "aria-labelledby": "admin-kiosk" },
      h("h2", { id: "admin-kiosk" }, "This kiosk"),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "Version"),
        h("dd", { id: "admin-version" }, overview.version),
        h("dt", {}, "Running"),
        h("dd", { id: "admin-mode" }, overview.demo ? "Demo mode (stand-in services)" : "With the configured services"),
        h("dt", {}, "Settings file"),
        h("dd", {}, overview.configured ? overview.config_path : `Not set up yet (${overview.config_path})`),
        h("dt", {}, "Secrets"),
        h(
          "dd",
          { id: "admin-secrets" },
          `Entra client secret ${overview.secrets.client_secret_stored ? "stored" : "not stored"}; ` +
            `1Kosmos license key ${overview.secrets.license_key_stored ? "stored" : "not stored"}; ` +
            `relay token ${overview.secrets.relay_token_stored ? "stored" : "not stored"}.`,
        ),
        h("dt", {}, "Updates"),
        h("dd", { id: "update-status" }, overview.update_status),
        h("dt", {}, "Callbacks"),
        relay
          ? h("dd", { id: "relay-status" }, `${relay.state}. Entra posts to ${relay.callback_url}.`)
          : h("dd", { id: "relay-status" }, "No callback relay in use."),
      ),
      overview.secrets.problem ? errorText(overview.secrets.problem) : null,
      overview.config_warning ? errorText(overview.config_warning, "admin-config-warning") : null,
    ),
    h(
      "section",
      { class: "admin-section", "aria-labelledby": "admin-connections" },
      h("h2", { id: "admin-connections" }, "Connections"),
      h("div", { class: "actions" }, testEntra, testKosmos, relay ? testRelay : null),
      entraResult,
      kosmosResult,
      relay ? relayResult : null,
    ),
    h("section", { class: "admin-section", "aria-labelledby": "admin-audit" }, h("h2", { id: "admin-audit" }, "Recent days"), audit),
    camera,
    h(
      "div",
      { class: "actions" },
      button("edit-settings", overview.configured ? "Change settings" : "Set up this kiosk", () => void ctx.go.wizard(overview)),
      button("admin-lock", "Lock and close", ctx.close, "secondary"),
    ),
  );
}
