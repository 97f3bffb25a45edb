# The administration screens: what an administrator reads behind the admin PIN.
# Always in the kiosk's configured language (kiosk.language), whatever the employee chose.
#
# Notes for translators:
# - { $name } is a value the kiosk fills in; keep it, move it where your sentence needs it.
# - { "text" } is text that must stay exactly as it is (a command, a setting's name, a value
#   to type): copy it unchanged.
# - Microsoft Entra, Verified ID, Authenticator, 1Kosmos and DocuVerify are product names.
#   For the names of Microsoft's own screens (Certificates & secrets, Overview…), use the
#   words Microsoft uses in your language, as the administrator will see them there.

## The frame shared by every admin screen

admin-title = Administration
admin-close = Close

## Refusals

admin-error-locked = The admin screen is locked: enter the admin PIN.
admin-error-busy = An enrollment is in progress. Finish or cancel it first.
admin-error-kiosk-unavailable = The kiosk cannot do this right now. Try again in a moment.
admin-error-invalid = The kiosk did not accept this value. Check it and try again.
admin-error-failed = That did not work. Try again.
# $detail: the technical reason, in English, as the kiosk got it.
admin-error-other = Something went wrong: { $detail }
admin-error-config-unwritable = The configuration file { $path } could not be written: { $reason }. Check that the kiosk's account may write there.

## The admin PIN

admin-pin-label = Admin PIN
admin-pin-enter = Enter the admin PIN.
admin-unlock = Unlock
admin-pin-wrong =
    That PIN is not right. { $tries ->
        [one] { $tries } more try
       *[other] { $tries } more tries
    } before a pause.
admin-pin-locked-out =
    Too many wrong PINs. Try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
admin-set-up = Set up this kiosk
admin-pin-choose-lead = First, choose the PIN that will protect these settings. Keep it with the desk's IT contact.
admin-pin-choose-label = Choose an admin PIN (6 to 12 digits)
admin-pin-repeat-label = Type it again
admin-pin-set = Set PIN and continue
admin-pin-mismatch = The two PINs differ: type the same PIN twice.
admin-pin-shape = The admin PIN must be 6 to 12 digits.
admin-pin-already-set = An admin PIN is already set: enter it to unlock.
admin-pin-not-hashed = The admin PIN could not be saved: { $detail }

## Why the admin screen stays shut

admin-unavailable-no-pin-hash = The admin screen is locked: the configuration file has no { "admin.pin_hash" }. Set it with { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-pin-hash-unusable = The admin screen is locked: { "admin.pin_hash" } in the configuration file is not a valid Argon2id hash. Set it with { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-pin-hash-weak = The admin screen is locked: the Argon2id costs of { "admin.pin_hash" } in the configuration file (m={ $m }, t={ $t }, p={ $p }) are below the minimum (m=19456, t=2, p=1). Set it with { "enrollment-kiosk --hash-admin-pin" }.
# $error: the configuration file's problem, in English (as the log says it).
admin-unavailable-config-unusable = The admin screen is locked: the configuration file cannot be used ({ $error }). Fix or remove { $path }.

## The overview

admin-kiosk-heading = This kiosk
admin-fact-version = Version
admin-fact-running = Running
admin-running-demo = Demo mode (stand-in services)
admin-running-configured = With the configured services
admin-fact-settings-file = Settings file
admin-settings-file-none = Not set up yet ({ $path })
admin-fact-secrets = Secrets
# $client, $license, $relay: "yes" when that secret is in the credential store.
admin-secrets-status =
    Entra client secret { $client ->
        [yes] stored
       *[no] not stored
    }; 1Kosmos license key { $license ->
        [yes] stored
       *[no] not stored
    }; relay token { $relay ->
        [yes] stored
       *[no] not stored
    }.
admin-fact-updates = Updates
admin-fact-callbacks = Callbacks
# $state: the relay's state, e.g. "Connected since 14:02:07 UTC".
admin-relay-status = { $state }. Entra posts to { $url }.
admin-relay-none = No callback relay in use.
admin-config-open-to-others = { $path } can be read or changed by other accounts on this computer, and it holds the admin PIN's hash: run { "chmod 600" } { $path } (saving the settings here also fixes it).
admin-connections-heading = Connections
admin-test-entra = Test Entra connection
admin-test-onekosmos = Test 1Kosmos connection
admin-test-relay = Test the callback relay
admin-change-settings = Change settings
admin-lock-and-close = Lock and close

## Recent days (the audit counts)

admin-audit-heading = Recent days
admin-audit-empty = No enrollments recorded yet.
admin-audit-caption = Outcomes per day (UTC). No personal data is recorded.
admin-audit-day = Day
admin-audit-started = Started
admin-audit-attested = Attested by staff
admin-audit-proofed = Proofed
admin-audit-issued = Issued
admin-audit-failed = Failed
admin-audit-verified = Cards verified
admin-audit-verification-failed = Verification failed
# A count under a total: $label is a reason or a staff code.
admin-audit-count = { $label }: { $count }
admin-audit-could-not-confirm = Could not confirm

## Why enrollments failed

admin-reason-declined-idv = Declined by 1Kosmos ({ $code })
admin-reason-declined-other = Declined by 1Kosmos (other reason)
admin-reason-phone-session-expired = Phone session expired
admin-reason-phone-session-abandoned = Phone session abandoned
admin-reason-document-unreadable = Document could not be read
admin-reason-document-expired = Document expired
admin-reason-name-mismatch = Typed name differs from the document
admin-reason-document-not-attested = Staff could not confirm the document
admin-reason-photo-unusable = Selfie unusable as the card's photo
admin-reason-proofing-incomplete = 1Kosmos left out a requested check
admin-reason-proofing-unavailable = 1Kosmos unavailable
admin-reason-proofing-timed-out = 1Kosmos did not answer in time
admin-reason-issuance-unavailable = Verified ID unavailable
admin-reason-wallet-failed = Authenticator reported a problem
admin-reason-offer-expired = QR code never scanned
admin-reason-cancelled = Cancelled at the desk
admin-reason-idle-reset = Left unattended (timed out)
# A code this version of the kiosk does not know, shown as it is.
admin-reason-unknown = Other ({ $code })

## Why presented cards were not verified

admin-verification-face-check-below-threshold = Face Check below the threshold
admin-verification-face-check-missing = No Face Check result
admin-verification-billing-not-enabled = Face Check billing not enabled
admin-verification-revoked = Card revoked
admin-verification-wrong-issuer-or-type = Not a card this kiosk accepts
admin-verification-request-expired = Code expired before a card was shared
admin-verification-user-declined = Declined in Authenticator
admin-verification-service-unavailable = Verified ID unavailable
admin-verification-timed-out = Verified ID did not answer in time
admin-verification-other = Other failure

## Updates ($version: a version number; $time: hours and minutes, UTC)

admin-update-not-configured = Updates are not configured
admin-update-starting = Updates are configured; the first check is under way (running version { $version })
admin-update-up-to-date = Up to date (version { $version }, checked { $time } UTC)
admin-update-downloading = Version { $version } was found and is being downloaded
admin-update-waiting = Version { $version } is downloaded and verified; it installs when the Welcome screen shows
admin-update-installing = Version { $version } is being installed
admin-update-installed = Version { $version } is installed; the kiosk is restarting
# Why an update was refused or failed; used inside the messages below.
# $detail: what the update feed or the network said, in English.
admin-update-reason =
    { $reason ->
        [signature-mismatch] its signature does not match the configured public key
        [unreadable-signature] its signature cannot be read
        [signed-for-other-version] it was signed for version { $signed }, but the update feed announced version { $announced }
        [signature-without-version] its signature does not say which version it was signed for
        [invalid-public-key] the configured public key is not a minisign public key
        [bad-endpoint] the update feed URL is not a URL ({ $detail }); use the https:// URL of the update feed
        [no-release] the update feed did not answer with a release
        [no-build-for-platform] the update feed has no build for this platform ({ $detail })
        [bad-feed] the update feed's answer is not a release description: { $detail }
        [not-an-appimage] the download is not an AppImage
        [not-installable-here] this kiosk was not started from its AppImage, so it cannot replace itself
       *[other] { $detail }
    }
# $setting: the setting that holds the public key, e.g. updates.pubkey.
admin-update-refused-check-key = An update (version { $version }) was refused: { admin-update-reason }. Check { $setting }, or whether the download was altered on its way. Nothing was installed
admin-update-refused-re-sign = An update (version { $version }) was refused: { admin-update-reason }. Ask the publisher of the update feed to re-sign and re-publish it. Nothing was installed
admin-update-bad-key = Updates are not checked: { $setting } is not a minisign public key. Paste the public key that signs the updates (the text { "tauri signer generate" } prints)
admin-update-check-failed = Could not check for updates: { admin-update-reason } (at { $time } UTC); tried again later
admin-update-download-failed = Version { $version } could not be downloaded: { admin-update-reason }; tried again at the next check
admin-update-install-failed = Version { $version } could not be installed: { admin-update-reason }; tried again at the next check
admin-update-cannot-install-here = Version { $version } is available, but this kiosk was not started from its AppImage and cannot replace itself. Install the new version with your device-management tool

## The callback relay ($time: hours, minutes and seconds, UTC)

admin-relay-connecting = Connecting since { $time } UTC
admin-relay-connected = Connected since { $time } UTC
admin-relay-reconnecting =
    Reconnecting since { $time } UTC ({ $attempts ->
        [one] { $attempts } try
       *[other] { $attempts } tries
    }): { $reason ->
        [unreachable] the relay cannot be reached
        [token-refused] the relay refuses this kiosk's token
        [refused] the relay is refusing connections for now
        [ended] the relay ended the connection
        [silent] the relay went silent
       *[malformed] the relay's answer was not an event stream
    }

## The camera

admin-camera-heading = Camera
admin-camera-none = No camera is connected. Plug in a webcam; until then the capture screens offer the phone.
admin-camera-choose = Choose a camera to preview.
# $error: the system's own words, in English.
admin-camera-not-listed = The cameras could not be listed: { $error }.
admin-camera-preview-failed = The preview could not start: { $error }.
admin-camera-save-settings-first = Save the settings first: the camera choice is kept with them.
admin-camera-preview = Preview
admin-camera-preview-named = Preview { $camera }
admin-camera-preview-demo = Preview the demo camera
admin-camera-preview-label = Camera preview
admin-camera-stop-preview = Stop preview
admin-camera-starting = Starting { $camera }…
admin-camera-starting-demo = Starting the demo camera…
admin-camera-showing = Showing { $camera }.
admin-camera-showing-demo = Showing the demo camera.
admin-camera-chosen = { $camera } is used from the next start.

## Test connection

admin-test-connection = Test connection
admin-testing = Testing… this can take a few seconds.
admin-connected = Connected.
admin-not-connected = Not connected.
# A step's name before what it found, e.g. "Community: Found community default."
admin-step-heading = { $step }:
admin-step-settings = Settings
admin-step-sign-in = Sign in to Microsoft Entra
admin-step-manifest = Credential manifest
admin-step-claims = Credential claims
admin-step-community = Community
admin-step-service-key = Service key
admin-step-license-key = License key
admin-step-connection = Connection
admin-step-relay = Callback relay
# $error: what the service or the network said, in English.
admin-check-error = { $error }.
admin-check-setting = The setting { $field } is not right:
admin-check-entra-token = Entra issued an access token.
admin-hint-entra-credentials = Check the Tenant ID and Client ID, and that the client secret is current (secrets expire; create a new one under Certificates & secrets).
admin-check-manifest-issuer = The manifest's issuer is { $issuer }, as configured.
admin-check-claims-ok = The credential maps all { $count } claims the kiosk sends, and requires none that can be missing.
admin-manifest-other-tenant = The manifest URL is not in this kiosk's tenant ({ $tenant }). Copy the Manifest URL from the credential's page in Verified ID of the same tenant.
admin-manifest-other-type = The manifest is for the credential type { $found }, but the kiosk is set to { $configured }. Set the credential type to { $found }, or use the manifest URL of the { $configured } credential.
# $claims: claim names, separated with commas.
admin-manifest-unmapped =
    The credential's rules do not map { $claims }: the card would not carry { $count ->
        [one] it
       *[other] them
    }. Replace the rules definition with the one { "enrollment-kiosk --print-credential-definition rules" } prints.
admin-manifest-requires-sometimes-empty = The credential's rules require { $claim }, which is sometimes empty: those issuances would fail. Set its mapping's { "\"required\"" } to { "false" }.
admin-manifest-requires-not-sent = The credential's rules require { $claim }, which the kiosk does not send: those issuances would fail. Set its mapping's { "\"required\"" } to { "false" }.
admin-manifest-photo-not-shown = The card does not show { $claim } as a photo. In the display definition, give the claim { "vc.credentialSubject." }{ $claim } the type { $type }.
admin-check-community = Found community { $community }.
admin-check-community-in-tenant = Found tenant { $tenant }, community { $community }.
admin-check-service-key = Read DocuVerify's public key from { $url }.
admin-check-license-accepted = 1Kosmos accepted the license key.
admin-check-license-refused = 1Kosmos refused the license key. Copy it again from the 1Kosmos admin console and save it here.
admin-hint-onekosmos-reach = Check the tenant DNS name and that this computer can reach it.
admin-hint-onekosmos-license = Copy the license key again from the 1Kosmos admin console and save it here.
admin-hint-onekosmos-not-found = Check the community name and the dvcIDs.
admin-relay-settings-missing = Set the relay URL and this kiosk's name at the relay.
admin-relay-url-invalid = The relay URL is not a URL.
admin-relay-kiosk-name-invalid = The kiosk's name at the relay cannot be used: { $error }.
admin-relay-no-configuration = This kiosk has no configuration yet.
admin-relay-accepted = The relay accepted this kiosk ({ $kiosk }). Entra posts to { $url }.
admin-relay-token-refused = The relay refused this kiosk's token. Make one with { "enrollment-relay kiosk-token" } { $kiosk } and store it with { "enrollment-kiosk --store-secret relay-token" }.
admin-hint-relay-reach = Check the relay URL and that this computer can reach it.

## Secrets and the credential store
## $secret names a secret: entra-client-secret, onekosmos-license-key or relay-token.

admin-secret-missing =
    The { $secret ->
        [entra-client-secret] Entra client secret
        [onekosmos-license-key] 1Kosmos license key
       *[relay-token] relay token
    } is not in the credential store. Store it with { "enrollment-kiosk --store-secret" } { $account } (the value is read from standard input).
admin-secret-from-store = The relay token comes from the credential store.
admin-secret-type-new =
    Type the { $secret ->
        [entra-client-secret] Entra client secret
        [onekosmos-license-key] 1Kosmos license key
       *[relay-token] relay token
    }: the stored one belongs to the saved settings and is only used with them.
admin-secret-type-first =
    Type the { $secret ->
        [entra-client-secret] Entra client secret
        [onekosmos-license-key] 1Kosmos license key
       *[relay-token] relay token
    } first.
admin-save-secret-failed =
    The { $secret ->
        [entra-client-secret] Entra client secret
        [onekosmos-license-key] 1Kosmos license key
       *[relay-token] relay token
    } could not be stored.
# $detail: the system's own words, in English.
admin-store-unavailable = No credential store is available on this computer ({ $detail }). On Linux, run a Secret Service such as GNOME Keyring in the kiosk's session; on Windows, Credential Manager must be available to the kiosk's account.
admin-store-locked = The credential store is locked. Unlock it (log in to the kiosk's account) and try again.
admin-store-refused =
    The credential store refused the { $secret ->
        [entra-client-secret] Entra client secret
        [onekosmos-license-key] 1Kosmos license key
       *[relay-token] relay token
    }: { $detail }.
admin-settings-entra-unusable = The Entra settings cannot be used: { $detail }.
admin-settings-onekosmos-unusable = The 1Kosmos settings cannot be used: { $detail }.

## Saving the settings

admin-save-file-failed = The configuration file { $path } could not be written: { $reason }. Check that the kiosk's account may write there.
admin-save-nothing-saved = Nothing was saved.
admin-saved-title = Settings saved
admin-saved-where = Saved to { $path }. The secrets are in the computer's credential store.
admin-saved-restart-note = The kiosk uses the new settings after a restart.
admin-restart = Restart now
admin-back-to-overview = Back to administration

## The settings wizard

admin-wizard-title = Settings { $step } of { $steps }: { $title }
admin-wizard-fix-fields =
    { $count ->
        [one] Please fix the field marked below.
       *[other] Please fix the { $count } fields marked below.
    }
admin-wizard-back = Back
admin-wizard-next = Next
admin-wizard-save = Save settings

admin-step-entra-title = Microsoft Entra Verified ID
admin-field-tenant-id = Tenant ID
admin-hint-tenant-id = Entra admin center › Overview › Tenant ID
admin-field-client-id = Client ID
admin-hint-client-id = The app registration's Application (client) ID
admin-field-client-secret = Client secret
admin-hint-stored-secret = Kept in the computer's credential store. Leave empty to keep the stored one.
admin-field-issuer-did = Issuer DID
admin-hint-issuer-did = Verified ID › Organization settings ({ "did:web:…" })
admin-field-manifest-url = Manifest URL
admin-hint-manifest-url = The credential's page in Verified ID
admin-field-credential-type = Credential type
admin-hint-credential-type = A custom credential (ID token hint) defined with { "enrollment-kiosk --print-credential-definition rules" } and { "display" }; not VerifiedEmployee, whose fixed claims the kiosk does not send.
admin-field-client-name = Name shown in Authenticator
admin-field-photo-claim = Photo claim (optional)
admin-hint-photo-claim = e.g. { "photo" }: the proofed selfie goes on the card, for Face Check. Leave empty for no photo.
admin-field-pin-length = PIN digits beside the QR code (0 for none)

admin-step-onekosmos-title = 1Kosmos identity proofing
admin-field-tenant-dns = Tenant DNS name
admin-hint-tenant-dns = e.g. { "contoso.1kosmos.net" }, without { "https://" }
admin-field-community = Community
admin-field-license-key = License key
admin-field-journey = Verification journey
admin-option-journey-kyc-with-selfie = Document and selfie
admin-option-journey-document-only = Document only
admin-field-dvc-id-kyc-with-selfie = dvcID for document and selfie
admin-field-dvc-id-document-only = dvcID for document only
admin-field-flow-url = ID proofing flow URL
admin-field-dl-verify = Check US driver's licences with the DMV

admin-step-kiosk-title = This kiosk
admin-field-language = Language
admin-hint-language = Welcome starts in this language and the employee may choose another there. The staff and administration screens always use it.
admin-option-language-en = English
admin-option-language-es = Spanish
admin-option-language-fr-ca = French (Canada)
admin-field-kiosk-mode = Kiosk mode
admin-option-mode-staffed = Staffed desk
admin-option-mode-lobby = Lobby (self-service)
admin-field-lobby-capture = Photos at a lobby kiosk
admin-option-capture-phone = On the employee's phone (can reach IAL2)
admin-option-capture-kiosk-camera = With this kiosk's camera (IAL1 only)
admin-field-unattested-document = When staff can't confirm a document (staffed desk)
admin-option-unattested-continue = Verify anyway at IAL1
admin-option-unattested-end = End the enrollment
admin-field-idle-warning = Seconds of inactivity before the warning
admin-field-idle-reset = Seconds the warning counts down
admin-field-max-attempts = Verification attempts per enrollment
admin-field-max-reissues = Fresh QR codes after one expires
admin-field-email-domains = Allowed e-mail domains (empty allows any)
admin-hint-email-domains = Separate with commas
admin-field-relay-url = Callback relay URL
admin-field-kiosk-id = This kiosk's name at the relay
admin-hint-kiosk-id = Its token: { "enrollment-relay kiosk-token NAME | enrollment-kiosk --store-secret relay-token" }
admin-field-update-endpoint = Update feed URL (optional)
admin-field-update-pubkey = Update signing public key

## A field's problem: what is wrong ($value: the value as typed)

admin-problem-not-guid = "{ $value }" is not a GUID.
admin-problem-not-did = "{ $value }" is not a { "did:web:" } or { "did:ion:" } identifier.
admin-problem-not-url = "{ $value }" is not a URL.
admin-problem-not-https-url = "{ $value }" is not an { "https://" } URL.
admin-problem-empty = This setting is empty.
admin-problem-missing = This setting is missing.
admin-problem-required = This setting is required.
admin-problem-not-claim-name = "{ $value }" is not a claim name.
admin-problem-outside-range = { $value } is outside { $min }–{ $max }.
admin-problem-not-host = "{ $value }" is not a host name.
admin-problem-missing-for-journey = This setting is missing for the chosen journey.
admin-problem-not-domain = "{ $value }" is not a domain.
admin-problem-route-pattern = "{ $value }" has a path that reads as a route pattern (a segment starting with { ":" } or { "*" }, or a brace).
admin-problem-not-kiosk-id = "{ $value }" is not a name the relay accepts.
admin-problem-weak-pin-hash = Its Argon2id costs (m={ $m }, t={ $t }, p={ $p }) are below the minimum (m=19456 KiB, t=2, p=1), so the PIN is quick to guess from a copy of the file.
admin-problem-not-pin-hash = This is not a usable Argon2id hash.
admin-problem-face-check-without-photo = Face Check is on, but no photo claim is named.
admin-problem-empty-entry = The list has an empty entry.
admin-problem-no-values = "{ $value }" lists no value, or an empty one.
admin-problem-missing-with-endpoint = This setting is missing while an update feed URL is set.
admin-problem-not-language = "{ $value }" is not a language the kiosk speaks.
admin-problem-not-whole-number = This is not a whole number.
# $detail: the configuration's problem, in English.
admin-problem-config = The configuration has a problem: { $detail }

## A field's problem: what to do

admin-fix-entra-tenant-id = Copy the Directory (tenant) ID from the Entra admin center.
admin-fix-entra-client-id = Copy the Application (client) ID of the app registration.
admin-fix-entra-issuer-did = Copy the Decentralized identifier (DID) from Verified ID › Organization settings.
admin-fix-entra-manifest-url = Copy the Manifest URL from the credential's page in Verified ID.
admin-fix-entra-credential-type = Set the credential type of your custom credential, e.g. { "VerifiedEnrollment" }.
admin-fix-photo-claim = Use the photo claim's name from the credential's rules, e.g. { "photo" }.
admin-fix-entra-pin-length = Use 4 to 16 digits, or 0 for no PIN.
admin-fix-onekosmos-tenant-dns = Use the tenant's DNS name without { "https://" }, e.g. { "acme.1kosmos.net" }.
admin-fix-onekosmos-community = Use the community name from the 1Kosmos admin console, often { "default" }.
admin-fix-onekosmos-dvc-id = Copy the dvcID of this journey from the 1Kosmos admin console.
admin-fix-onekosmos-flow-url = Use the { "https://" } ID proofing flow URL from 1Kosmos.
admin-fix-seconds = Use { $min } to { $max } seconds.
admin-fix-attempts = Use { $min } to { $max } attempts.
admin-fix-reissues = Use { $min } to { $max }.
admin-fix-email-domains = Type the domains without @, separated with commas, e.g. { "contoso.com, fabrikam.com" }.
admin-fix-relay-url = Use the public { "https://" } URL of the callback relay.
admin-fix-relay-url-required = Entra must reach this kiosk through a public { "https://" } URL: use the URL of your callback relay.
admin-fix-plain-path = Use a plain path, e.g. { "https://kiosk-relay.contoso.com/api/verified-id/callback" }.
admin-fix-kiosk-id-missing = Name this kiosk for the relay (letters, digits, - and _), the name its token was made for.
admin-fix-kiosk-id = Use 1 to 64 letters, digits, - or _, starting with a letter or digit.
admin-fix-pin-hash = Set it with { "enrollment-kiosk --hash-admin-pin" }; never write the PIN itself in the configuration file.
admin-fix-face-check-threshold = Use { $min } to { $max }; Microsoft's default is 70.
admin-fix-face-check = Set { "entra.photo_claim" } (or { "verify.photo_claim" }) to the card's photo claim, or set { "verify.face_check = false" }.
admin-fix-verify-credential-types = List credential types, e.g. { "[\"VerifiedEnrollment\"]" }, or leave it out.
admin-fix-verify-issuers = List issuer DIDs, e.g. { "[\"did:web:verifiedid.contoso.com\"]" }, or leave it out.
admin-fix-claim-names = Use claim names from the credential's rules, e.g. { "given_name" }.
admin-fix-claim-values = Give each claim the values a card may have, e.g. { "assurance_level = [\"IAL2\"]" }.
admin-fix-update-endpoint = Use the { "https://" } URL of the update feed.
admin-fix-update-pubkey = Paste the public key that signs the updates.
admin-fix-language = Choose English ({ "en" }), Spanish ({ "es" }) or French, Canada ({ "fr-CA" }).
admin-fix-client-secret = Create a client secret under the app registration's Certificates & secrets and paste its value.
admin-fix-license-key = Paste the license key from the 1Kosmos admin console.
admin-fix-whole-number = Type a whole number from 0 to { $max }.
admin-fix-config = Fix the configuration file, or save these settings here to replace it.
