# Words for the person enrolling (or showing a work ID) at the kiosk.
# Each message is one thing a person reads. Keep one clear next step per screen, and never say
# the same thing twice on one screen. Variables ({ $name }) are filled in by the kiosk.

## The language chooser on Welcome: each language names itself.

language-name = English
language-choice = Language

## The frame around every screen

brand = Enrollment
demo-badge = Demo mode
cancel = Cancel
shell-admin = Admin
shell-admin-label = Admin (staff only)
inactivity-title = Are you still there?
inactivity-text = For your privacy, this enrollment will end in { $seconds ->
        [one] { $seconds } second.
       *[other] { $seconds } seconds.
    }
still-here = I'm still here
not-ready-title = This kiosk is not ready
not-ready-next = Please ask a member of staff for help.
step-progress = Step { $current } of { $total }
try-again = Try again
done = Done
finish = Finish
spinner-label = Working…

## Welcome

welcome-title = Get your digital work ID
welcome-lead = Have your ID and your face checked, then add your work ID to Microsoft Authenticator on your phone.
welcome-ready = It takes about five minutes. Have your ID and your phone ready.
welcome-start-staffed = Start enrollment
welcome-start-lobby = Begin
welcome-verify = Verify a work ID

## Your details

intake-title = Your details
intake-lead = Tell us who you are and how you'll take the photos.
intake-email = Work e-mail
intake-given-name = First name (optional)
intake-family-name = Last name (optional)
intake-document = Which ID will you use?
intake-method = How do you want to take the photos?
intake-method-kiosk-camera = This kiosk's camera
intake-method-phone = My phone
intake-consent-title = Before you continue
intake-consent-what = We take a photo of your ID and a photo of your face. 1Kosmos, the identity verification service, checks them to confirm that you are who you say you are.
intake-consent-kept = Nothing is kept on this device: the photos and your details are wiped when you finish.
intake-consent = I agree to have my ID and my face checked
intake-continue = Continue

document-drivers-license = Driver's license
document-passport = Passport
document-national-id = National ID card

intake-email-missing = Enter your work e-mail address.
intake-email-invalid = This doesn't look like an e-mail address. Check it, for example name@company.com.
intake-email-domain = { $count ->
        [one] Use your work e-mail address ending in { $domains }.
       *[other] Use your work e-mail address ending in one of: { $domains }.
    }
intake-name-too-long = { $field ->
        [given] Your first name
       *[family] Your last name
    } can be at most { $max } characters.
intake-name-characters = { $field ->
        [given] Your first name
       *[family] Your last name
    } can contain letters, spaces, hyphens, apostrophes and periods only.
intake-document-missing = Choose the document you brought.
intake-method-missing = Choose how to take the photos.
intake-consent-missing = Please agree to the identity check to continue.
intake-kiosk-camera-lobby = At this kiosk, the photos are taken with your phone. Choose "My phone".
intake-kiosk-camera-document-only = At this kiosk, documents are checked through your phone. Choose "My phone".
intake-kiosk-camera-unread = This kiosk can't read { $document ->
        [passport] a passport
        [national_id] a national ID card
       *[other] this document
    } yet. Choose "My phone" to photograph it with your phone.

## Taking the photos

capture-front-title = Front of your document
capture-back-title = Back of your document
capture-selfie-title = Your photo
capture-front-instruction = Place the front of your document inside the frame.
capture-back-instruction = Turn your document over and place the back inside the frame.
capture-selfie-instruction = Look at the camera and keep your face inside the oval.
capture-preview-document = Camera preview with a frame for your ID
capture-preview-face = Camera preview with an oval for your face
capture-take-photo = Take photo
capture-taking-photo = Taking photo…

guidance-place-document = Place your document inside the frame.
guidance-move-closer = Move closer to the camera.
guidance-document-closer = Bring the document closer to the camera.
guidance-hold-still = Hold still.
guidance-reduce-glare = Reduce glare: tilt the document away from the light.
guidance-more-light = Too dark: more light, please.
guidance-face-camera = Face the camera, inside the oval.
guidance-looks-good = Looks good. Hold it there…

camera-not-working = The camera isn't working right now.
next-camera-or-phone = Try again, or cancel and choose "My phone" to take the photos with your phone.

review-front-title = Check the photo: front of your document
review-back-title = Check the photo: back of your document
review-selfie-title = Check the photo of your face
review-document-question = Is all of the ID visible, sharp and free of glare?
review-face-question = Is your whole face clear and in focus?
review-retake = Retake
review-use-photo = Use photo

## Continuing on the phone

phone-title = Continue on your phone
phone-step-camera = Open the camera on your phone.
phone-step-scan = Point it at the code and tap the link that appears.
phone-step-follow = Follow the steps on your phone. This screen updates by itself.
phone-qr-label = QR code that opens the photo steps on your phone
phone-preparing-code = Preparing a code for your phone…
phone-scan-code = Waiting for you to scan the code…
phone-still-waiting = Still waiting for your phone. Finish the steps there, or tap Cancel to stop.

## Checking the identity

verifying-title = Checking your identity
verifying-status = Checking your document and photo.
verifying-hint = This usually takes less than a minute.

failed-title = We couldn't confirm your identity
attempts-left = { $count ->
        [one] You can try 1 more time.
       *[other] You can try { $count } more times.
    }
reason-code = Code for staff: { $code }

declined-scan-failed = The scan didn't work.
next-light-and-flat = Find a spot without bright light behind you, hold the document flat and try again.
declined-check-unfinished = We couldn't finish checking your document.
declined-unreadable = The document couldn't be read.
next-valid-document = Use a valid, undamaged government ID and try again.
declined-unsupported = This type of document isn't supported.
next-other-document = Try again with a driver's license, passport or national ID card.
declined-verification-unfinished = We couldn't finish the verification.
declined-too-many-attempts = There have been too many attempts.
declined-generic = We couldn't verify your identity.
name-mismatch = The name you entered doesn't match your document.
next-check-name-spelling = Check the spelling of your first and last name, or leave them empty, and try again.
next-start-again-name = Start again and type your first and last name as they are on your document, or leave them empty.
document-expired = Your document has expired.
next-valid-document-later = Come back with a document that is still valid.
phone-link-expired = The link on your phone expired before the photos were sent.
phone-capture-stopped = The capture on your phone was stopped before it finished.
next-new-phone-code = Try again to get a new code to scan.
document-unreadable = We couldn't read your document from the photos.
next-retake-document = Try again: hold the document flat, fill the frame and avoid reflections on the barcode and photo.
photo-unusable = Your photo can't be used on your card.
next-retake-selfie = Try again: move closer to the camera, with only your face in the picture.
verification-incomplete = We couldn't finish checking your identity.
proofing-unavailable = The identity check service isn't answering right now.
next-try-again-in-a-minute = Try again in a minute. If it keeps happening, ask a member of staff.
proofing-timed-out = The identity check took too long.
next-try-again-or-staff = Try again. If it fails again, ask a member of staff for help.
next-try-again-or-staff-if-repeated = Try again. If it keeps happening, ask a member of staff.
next-ask-staff = Please ask a member of staff for help.
attempts-used-up = You've used all the attempts for this visit.

## The credential

issuing-title = Identity confirmed
issuing-status = Preparing your credential…
issuing-problem-title = Your credential isn't ready
issuance-failed = We couldn't prepare your credential.

offer-title = Add your work ID to Authenticator
offer-qr-label = QR code to scan with Microsoft Authenticator
offer-step-open = Open Microsoft Authenticator on your phone.
offer-step-scan = Tap the QR code icon and scan this code.
offer-step-pin = Enter the PIN that appears here after you scan.
offer-cancel-note = If you cancel, this code stops working.
offer-expires-in = Expires in { $time }
offer-pin = PIN
offer-status-waiting = Waiting for you to scan the code…
offer-status-scanned = Scanned. Finish in Authenticator.
offer-status-failed = Adding your credential to Authenticator didn't work.
wallet-cancelled = Adding the credential was cancelled in Authenticator.
next-new-offer-code = Tap Try again for a new code when you are ready.
wallet-contract-unreadable = The credential's setup couldn't be read.
next-staff-check-credential = Please ask a member of staff: the credential settings need checking.
wallet-failed = Authenticator couldn't add the credential.
next-new-offer-code-or-staff = Tap Try again for a new code. If it keeps happening, ask a member of staff.

done-title-issued = You're all set
done-title-not-completed = Enrollment not completed
done-title-offer-expired = The code expired
done-issued = Your Verified ID is in Microsoft Authenticator.
done-issued-next = You can now use it to prove who you are. Thank you!
done-not-verified = We couldn't verify your identity today.
done-offer-expired = The code expired before it was scanned.
done-offer-expired-next = Start again when you are ready to scan it with Microsoft Authenticator.
done-not-attested = We couldn't confirm your document at this desk today.
done-not-attested-next = Nothing was sent for checking. A member of staff will tell you other ways to enroll.

## Showing a work ID (verify mode), and checking a new card

verify-title = Show your work ID
verify-new-card-title = Check your new card
verify-preparing = Preparing a code to scan…
verify-step-share = Choose your work ID, share it, and follow the Face Check on your phone.
verify-status-waiting = Waiting for the code to be scanned…
verify-status-retrieved = Scanned. Share the card in Authenticator and look at the phone for Face Check.

verified-title = Card verified
verified-new-card-title = Your new card works
verified-lead = Verified ID checked the card, and it passed every check this kiosk asks for.
verified-new-card-face = Authenticator shared the card, and your face matched its photo.
verified-new-card = Authenticator shared the card: it is on your phone.
not-verified-title = Card not verified
not-verified-new-card-title = Your new card couldn't be checked
verified-face-check = Face Check
verified-face-check-score = { $score } of 100 ({ $threshold } needed)
verified-face-check-quality = { $score } of 100 ({ $threshold } needed) · photo quality { $quality ->
        [high] high
        [medium] medium
        [low] low
       *[other] { $quality }
    }
verified-face-check-not-asked = Not asked for
verified-revocation = Revocation
verified-not-revoked = Not revoked (checked by Verified ID)
verified-revocation-unknown = Not reported by Verified ID
verified-issuer = Issued by
verified-card-type = Card

# The claims a work ID carries, by claim name; a claim not listed here shows the card's own label.
claim-given_name = First name
claim-family_name = Last name
claim-email = Work e-mail
claim-document_type = Document checked
claim-document_country = Document issued by
claim-verification_journey = Checks run
claim-assurance_level = Identity assurance level
claim-evidence_validation = How the document was validated
claim-verified_at = Verified on
claim-proofing_reference = Proofing reference

card-face-check-below = Face Check did not match the card's photo closely enough.
card-face-check-below-scored = Face Check did not match the card's photo closely enough (match { $score } of 100; { $threshold } needed).
card-face-check-below-threshold = Face Check did not match the card's photo closely enough ({ $threshold } of 100 needed).
next-new-card-face-check-again = Try again in good light, facing the phone. If it fails again, ask a member of staff.
card-code-expired = The code expired before a card was presented.
next-new-code = Try again for a new code.
card-sharing-declined = Sharing the card was declined in Authenticator.
next-new-card-declined = Your card is still in Authenticator. Try again to check it, or tap Done.
card-service-unavailable = Verified ID isn't answering right now.
next-try-again-in-a-minute-admin = Try again in a minute. If it keeps happening, ask an administrator.
card-service-timed-out = No answer came from Verified ID in time.
next-try-again-admin = Try again. If it keeps happening, ask an administrator.
