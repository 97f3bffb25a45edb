// The overview behind the PIN: this kiosk's facts, connection tests, recent days' outcomes, the
// camera, and the way into the settings wizard.
import type { AdminOverview, AuditDay, ConnectionReport, FailureCount } from "../ipc/admin_bindings";
import { button, h } from "../dom";
import { sayPhraseToStaff, sayToStaff, withData } from "../language";
import { cameraSection } from "./camera";
import { testButton } from "./connection";
import { errorText, message } from "./frame";
import type { AdminContext } from "./types";

/** "Reason: count" under a total, e.g. "Cancelled at the desk: 1"; `data` are values shown as
 *  they are (a staff code, a reason code). */
function countLine(label: string, count: number, data: string[] = []): HTMLElement {
  return h("span", { class: "failure-reason" }, ...withData(sayToStaff("admin-audit-count", { label, count }), data));
}

const failureLines = (failures: FailureCount[]): HTMLElement[] =>
  failures.map((f) =>
    countLine(
      sayPhraseToStaff(f.reason),
      f.count,
      Object.values(f.reason.args).filter((v): v is string => typeof v === "string"),
    ),
  );

const COLUMNS = [
  "admin-audit-day",
  "admin-audit-started",
  "admin-audit-attested",
  "admin-audit-proofed",
  "admin-audit-issued",
  "admin-audit-failed",
  "admin-audit-verified",
  "admin-audit-verification-failed",
];

/** Outcomes per day, or a note that there are none yet. */
function auditTable(audit: AuditDay[]): HTMLElement {
  return audit.length === 0
    ? h("p", { id: "audit-empty" }, sayToStaff("admin-audit-empty"))
    : h(
        "table",
        { id: "audit-table", class: "audit" },
        h("caption", {}, sayToStaff("admin-audit-caption")),
        h("thead", {}, h("tr", {}, ...COLUMNS.map((id) => h("th", { scope: "col" }, sayToStaff(id))))),
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
                ...day.attested_by.map((s) => countLine(s.staff_code, s.count, [s.staff_code])),
                day.attestation_declined > 0 ? countLine(sayToStaff("admin-audit-could-not-confirm"), day.attestation_declined) : null,
              ),
              h("td", { "data-count": "proofed" }, String(day.proofed)),
              h("td", { "data-count": "issued" }, String(day.issued)),
              h("td", { "data-count": "failed" }, String(day.failed_total), ...failureLines(day.failures)),
              h("td", { "data-count": "verified" }, String(day.verified)),
              h(
                "td",
                { "data-count": "verification-failed" },
                String(day.verification_failed_total),
                ...failureLines(day.verification_failures),
              ),
            ),
          ),
        ),
      );
}

const stored = (yes: boolean): string => (yes ? "yes" : "no");

export async function renderOverview(ctx: AdminContext): Promise<void> {
  let overview: AdminOverview;
  try {
    overview = await ctx.guarded<AdminOverview>("admin_overview");
  } catch (error) {
    ctx.show(sayToStaff("admin-title"), errorText(message(error)));
    return;
  }
  const [testEntra, entraResult] = testButton("entra", sayToStaff("admin-test-entra"), () =>
    ctx.guarded<ConnectionReport>("admin_test_connection", { service: "entra" }),
  );
  const [testKosmos, kosmosResult] = testButton("onekosmos", sayToStaff("admin-test-onekosmos"), () =>
    ctx.guarded<ConnectionReport>("admin_test_connection", { service: "onekosmos" }),
  );
  const [testRelay, relayResult] = testButton("relay", sayToStaff("admin-test-relay"), () =>
    ctx.guarded<ConnectionReport>("admin_test_connection", { service: "relay" }),
  );
  const relay = overview.relay;
  const audit = auditTable(overview.audit);
  const camera = cameraSection(ctx, overview.cameras);
  const { secrets } = overview;
  ctx.show(
    sayToStaff("admin-title"),
    h(
      "section",
      { class: "admin-section", "aria-labelledby": "admin-kiosk" },
      h("h2", { id: "admin-kiosk" }, sayToStaff("admin-kiosk-heading")),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, sayToStaff("admin-fact-version")),
        h("dd", { id: "admin-version" }, overview.version),
        h("dt", {}, sayToStaff("admin-fact-running")),
        h("dd", { id: "admin-mode" }, sayToStaff(overview.demo ? "admin-running-demo" : "admin-running-configured")),
        h("dt", {}, sayToStaff("admin-fact-settings-file")),
        h(
          "dd",
          {},
          ...withData(
            overview.configured ? overview.config_path : sayToStaff("admin-settings-file-none", { path: overview.config_path }),
            [overview.config_path],
          ),
        ),
        h("dt", {}, sayToStaff("admin-fact-secrets")),
        h(
          "dd",
          { id: "admin-secrets" },
          sayToStaff("admin-secrets-status", {
            client: stored(secrets.client_secret_stored),
            license: stored(secrets.license_key_stored),
            relay: stored(secrets.relay_token_stored),
          }),
        ),
        h("dt", {}, sayToStaff("admin-fact-updates")),
        h("dd", { id: "update-status" }, sayPhraseToStaff(overview.update_status)),
        h("dt", {}, sayToStaff("admin-fact-callbacks")),
        relay
          ? h(
              "dd",
              { id: "relay-status" },
              ...withData(sayToStaff("admin-relay-status", { state: sayPhraseToStaff(relay.state), url: relay.callback_url }), [
                relay.callback_url,
              ]),
            )
          : h("dd", { id: "relay-status" }, sayToStaff("admin-relay-none")),
      ),
      secrets.problem ? errorText(sayPhraseToStaff(secrets.problem)) : null,
      overview.config_warning ? errorText(sayPhraseToStaff(overview.config_warning), "admin-config-warning") : null,
    ),
    h(
      "section",
      { class: "admin-section", "aria-labelledby": "admin-connections" },
      h("h2", { id: "admin-connections" }, sayToStaff("admin-connections-heading")),
      h("div", { class: "actions" }, testEntra, testKosmos, relay ? testRelay : null),
      entraResult,
      kosmosResult,
      relay ? relayResult : null,
    ),
    h("section", { class: "admin-section", "aria-labelledby": "admin-audit" }, h("h2", { id: "admin-audit" }, sayToStaff("admin-audit-heading")), audit),
    camera,
    h(
      "div",
      { class: "actions" },
      button("edit-settings", sayToStaff(overview.configured ? "admin-change-settings" : "admin-set-up"), () => void ctx.go.wizard(overview)),
      button("admin-lock", sayToStaff("admin-lock-and-close"), ctx.close, "secondary"),
    ),
  );
}
