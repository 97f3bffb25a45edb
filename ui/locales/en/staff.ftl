# Words for the member of staff at the desk: the document check before verification, and the
# result of a work ID someone showed. Always in the kiosk's configured language.

## Confirming the document (staffed desk, kiosk camera)

staff-attest-title = For staff: confirm the document
staff-attest-lead = Only confirm what you checked on the physical document. Your confirmation is what lets the employee's Verified ID say IAL2.
staff-attest-legend = I held the { $document ->
        [passport] passport
        [national_id] national ID card
       *[other] driver's license
    } in my hands and checked that:
staff-attest-security-features = Its security features are there (hologram, microprint, raised or UV marks)
staff-attest-not-altered = Nothing looks altered, replaced or laminated over
staff-attest-portrait = The photo on it is the person at this desk
staff-code-label = Your staff code
staff-code-hint = Recorded in this kiosk's audit log, which counts the documents confirmed under each staff code.
staff-attest-confirm = Confirm and verify
staff-attest-decline-end = Can't confirm: end the enrollment
staff-attest-decline-ial1 = Can't confirm: verify at a lower level (IAL1)
staff-attest-confirm-all = Confirm all three checks, or choose "Can't confirm".
staff-code-missing = Enter your staff code.
staff-code-invalid = A staff code is { $min } to { $max } letters or digits (- _ . allowed).

## A work ID that did not verify (verify mode): what to do next

staff-next-face-check-again = Ask them to try again in good light, facing the phone. If it fails again, check their identity another way.
card-face-check-missing = The card was presented without a Face Check result.
staff-next-no-photo = Try again. If it keeps happening, the credential may have no photo: check their identity another way.
card-face-check-billing = Face Check isn't available: billing for it is not set up in Verified ID.
staff-next-enable-billing = An administrator must enable Face Check billing (aka.ms/fcbilling). Until then, check identities another way.
card-revoked = This card has been revoked by its issuer.
staff-next-revoked = Don't accept it. The person can enroll again for a new card.
card-not-accepted = This isn't a card this kiosk accepts (another type, or another issuer).
staff-next-present-work-id = Ask them to present their work Verified ID and try again.
staff-next-when-ready = Try again when they are ready to share it.
card-not-verified = The card couldn't be verified.
staff-next-other-way = Try again. If it fails again, check their identity another way.
