# Words for the person enrolling (or showing a work ID) at the kiosk.
# Each message is one thing a person reads. Keep one clear next step per screen, and never say
# the same thing twice on one screen. Variables ({ $name }) are filled in by the kiosk.

## The language chooser on Welcome: each language names itself.

language-name = Français
language-choice = Langue

## The frame around every screen

brand = Inscription
demo-badge = Mode démo
cancel = Annuler
shell-admin = Administration
shell-admin-label = Administration (réservé au personnel)
inactivity-title = Êtes-vous toujours là?
inactivity-text = Pour protéger votre vie privée, cette inscription prendra fin dans { $seconds ->
        [one] { $seconds } seconde.
       *[other] { $seconds } secondes.
    }
still-here = Je suis toujours là
not-ready-title = Ce kiosque n’est pas prêt
not-ready-next = Veuillez demander l’aide d’un membre du personnel.
step-progress = Étape { $current } sur { $total }
try-again = Réessayer
done = Terminé
finish = Terminer
spinner-label = Traitement en cours…

## Welcome

welcome-title = Obtenez votre carte d’employé numérique
welcome-lead = Faites vérifier votre pièce d’identité et votre visage, puis ajoutez votre carte d’employé à Microsoft Authenticator sur votre téléphone.
welcome-ready = Comptez environ cinq minutes. Préparez votre pièce d’identité et votre téléphone.
welcome-start-staffed = Commencer l’inscription
welcome-start-lobby = Commencer
welcome-verify = Vérifier une carte d’employé

## Your details

intake-title = Vos renseignements
intake-lead = Indiquez qui vous êtes et comment vous souhaitez prendre les photos.
intake-email = Courriel professionnel
intake-given-name = Prénom (facultatif)
intake-family-name = Nom de famille (facultatif)
intake-document = Quelle pièce d’identité utiliserez-vous?
intake-method = Comment voulez-vous prendre les photos?
intake-method-kiosk-camera = La caméra du kiosque
intake-method-phone = Mon téléphone
intake-consent-title = Avant de continuer
intake-consent-what = Nous prenons une photo de votre pièce d’identité et une photo de votre visage. 1Kosmos, le service de vérification d’identité, les examine pour confirmer que vous êtes bien la personne que vous dites être.
intake-consent-kept = Rien n’est conservé sur cet appareil : les photos et vos renseignements sont effacés lorsque vous terminez.
intake-consent = J’accepte que ma pièce d’identité et mon visage soient vérifiés
intake-continue = Continuer

document-drivers-license = Permis de conduire
document-passport = Passeport
document-national-id = Carte d’identité nationale

intake-email-missing = Entrez votre adresse courriel professionnelle.
intake-email-invalid = Ceci ne semble pas être une adresse courriel. Vérifiez-la (exemple : nom@entreprise.com).
intake-email-domain = { $count ->
        [one] Utilisez votre adresse courriel professionnelle, qui se termine par { $domains }.
       *[other] Utilisez votre adresse courriel professionnelle, qui se termine par l’un de ces domaines : { $domains }.
    }
intake-name-too-long = { $field ->
        [given] Votre prénom
       *[family] Votre nom de famille
    } ne doit pas dépasser { $max } caractères.
intake-name-characters = { $field ->
        [given] Votre prénom
       *[family] Votre nom de famille
    } ne peut contenir que des lettres, des espaces, des traits d’union, des apostrophes et des points.
intake-document-missing = Choisissez la pièce d’identité que vous avez apportée.
intake-method-missing = Indiquez comment vous prendrez les photos.
intake-consent-missing = Veuillez accepter la vérification d’identité pour continuer.
intake-kiosk-camera-lobby = À ce kiosque, les photos se prennent avec votre téléphone. Choisissez « Mon téléphone ».
intake-kiosk-camera-document-only = À ce kiosque, les pièces d’identité sont vérifiées au moyen de votre téléphone. Choisissez « Mon téléphone ».
intake-kiosk-camera-unread = Ce kiosque ne peut pas encore lire { $document ->
        [passport] les passeports
        [national_id] les cartes d’identité nationales
       *[other] ce type de pièce d’identité
    }. Choisissez « Mon téléphone » pour prendre la photo avec votre téléphone.

## Taking the photos

capture-front-title = Recto de votre pièce d’identité
capture-back-title = Verso de votre pièce d’identité
capture-selfie-title = Votre photo
capture-front-instruction = Placez le recto de votre pièce d’identité dans le cadre.
capture-back-instruction = Retournez votre pièce d’identité et placez le verso dans le cadre.
capture-selfie-instruction = Regardez la caméra et gardez votre visage dans l’ovale.
capture-preview-document = Aperçu de la caméra, avec un cadre pour votre pièce d’identité
capture-preview-face = Aperçu de la caméra, avec un ovale pour votre visage
capture-take-photo = Prendre la photo
capture-taking-photo = Prise de la photo…

guidance-place-document = Placez votre pièce d’identité dans le cadre.
guidance-move-closer = Approchez-vous de la caméra.
guidance-document-closer = Approchez la pièce d’identité de la caméra.
guidance-hold-still = Ne bougez pas.
guidance-reduce-glare = Trop de reflets : inclinez la pièce d’identité pour éviter la lumière.
guidance-more-light = Trop sombre : il faut plus de lumière.
guidance-face-camera = Regardez la caméra, le visage dans l’ovale.
guidance-looks-good = Parfait. Restez ainsi…

camera-not-working = La caméra ne fonctionne pas pour le moment.
next-camera-or-phone = Réessayez, ou annulez et choisissez « Mon téléphone » pour prendre les photos avec votre téléphone.

review-front-title = Vérifiez la photo : recto de votre pièce d’identité
review-back-title = Vérifiez la photo : verso de votre pièce d’identité
review-selfie-title = Vérifiez la photo de votre visage
review-document-question = La pièce d’identité est-elle entièrement visible, nette et sans reflets?
review-face-question = Votre visage est-il entièrement visible et net?
review-retake = Reprendre
review-use-photo = Utiliser la photo

## Continuing on the phone

phone-title = Continuez sur votre téléphone
phone-step-camera = Ouvrez l’appareil photo de votre téléphone.
phone-step-scan = Visez le code, puis touchez le lien qui s’affiche.
phone-step-follow = Suivez les étapes sur votre téléphone. Cet écran se met à jour automatiquement.
phone-qr-label = Code QR qui ouvre les étapes de prise de photos sur votre téléphone
phone-preparing-code = Préparation d’un code pour votre téléphone…
phone-scan-code = En attente du balayage du code…
phone-still-waiting = Toujours en attente de votre téléphone. Terminez les étapes sur celui-ci, ou touchez « Annuler » pour arrêter.

## Checking the identity

verifying-title = Vérification de votre identité
verifying-status = Nous vérifions votre pièce d’identité et votre photo.
verifying-hint = Cela prend habituellement moins d’une minute.

failed-title = Nous n’avons pas pu confirmer votre identité
attempts-left = { $count ->
        [one] Il vous reste { $count } essai.
       *[other] Il vous reste { $count } essais.
    }
reason-code = Code pour le personnel : { $code }

declined-scan-failed = La lecture n’a pas fonctionné.
next-light-and-flat = Placez-vous à un endroit sans lumière vive derrière vous, tenez la pièce d’identité à plat et réessayez.
declined-check-unfinished = Nous n’avons pas pu terminer la vérification de votre pièce d’identité.
declined-unreadable = La pièce d’identité est illisible.
next-valid-document = Utilisez une pièce d’identité gouvernementale valide et en bon état, puis réessayez.
declined-unsupported = Ce type de pièce d’identité n’est pas accepté.
next-other-document = Réessayez avec un permis de conduire, un passeport ou une carte d’identité nationale.
declined-verification-unfinished = Nous n’avons pas pu terminer la vérification.
declined-too-many-attempts = Il y a eu trop d’essais.
declined-generic = Nous n’avons pas pu vérifier votre identité.
name-mismatch = Le nom que vous avez entré ne correspond pas à celui de votre pièce d’identité.
next-check-name-spelling = Vérifiez l’orthographe de votre prénom et de votre nom de famille, ou laissez ces champs vides, puis réessayez.
next-start-again-name = Recommencez et entrez votre prénom et votre nom de famille tels qu’ils figurent sur votre pièce d’identité, ou laissez ces champs vides.
document-expired = Votre pièce d’identité est expirée.
next-valid-document-later = Revenez avec une pièce d’identité encore valide.
phone-link-expired = Le lien sur votre téléphone a expiré avant l’envoi des photos.
phone-capture-stopped = La prise de photos sur votre téléphone a été interrompue avant la fin.
next-new-phone-code = Réessayez pour obtenir un nouveau code à balayer.
document-unreadable = Nous n’avons pas pu lire votre pièce d’identité sur les photos.
next-retake-document = Réessayez : tenez la pièce d’identité à plat, remplissez le cadre et évitez les reflets sur le code-barres et sur la photo.
photo-unusable = Votre photo ne peut pas être utilisée sur votre carte.
next-retake-selfie = Réessayez : rapprochez-vous de la caméra et regardez-la bien en face; seul votre visage doit apparaître sur la photo.
verification-incomplete = Nous n’avons pas pu terminer la vérification de votre identité.
proofing-unavailable = Le service de vérification d’identité ne répond pas pour le moment.
next-try-again-in-a-minute = Réessayez dans une minute. Si le problème persiste, adressez-vous à un membre du personnel.
proofing-timed-out = La vérification d’identité a pris trop de temps.
next-try-again-or-staff = Réessayez. En cas de nouvel échec, demandez l’aide d’un membre du personnel.
next-try-again-or-staff-if-repeated = Réessayez. Si le problème persiste, adressez-vous à un membre du personnel.
next-ask-staff = Veuillez demander l’aide d’un membre du personnel.
attempts-used-up = Vous avez utilisé tous vos essais pour cette visite.

## The credential

issuing-title = Identité confirmée
issuing-status = Préparation de votre carte…
issuing-problem-title = Votre carte n’est pas prête
issuance-failed = Nous n’avons pas pu préparer votre carte.

offer-title = Ajoutez votre carte d’employé à Authenticator
offer-qr-label = Code QR à balayer avec Microsoft Authenticator
offer-step-open = Ouvrez Microsoft Authenticator sur votre téléphone.
offer-step-scan = Touchez l’icône de code QR et balayez ce code.
offer-step-pin = Après le balayage, entrez le NIP qui s’affichera ici.
offer-cancel-note = Si vous annulez, ce code cessera de fonctionner.
offer-expires-in = Expire dans { $time }
offer-pin = NIP
offer-status-waiting = En attente du balayage du code…
offer-status-scanned = Code balayé. Terminez dans Authenticator.
offer-status-failed = L’ajout de votre carte à Authenticator n’a pas fonctionné.
wallet-cancelled = L’ajout de la carte a été annulé dans Authenticator.
next-new-offer-code = Lorsque vous le souhaitez, touchez « Réessayer » pour obtenir un nouveau code.
wallet-contract-unreadable = La configuration de la carte n’a pas pu être lue.
next-staff-check-credential = Veuillez vous adresser à un membre du personnel : les paramètres de la carte doivent être vérifiés.
wallet-failed = Authenticator n’a pas pu ajouter la carte.
next-new-offer-code-or-staff = Touchez « Réessayer » pour obtenir un nouveau code. Si le problème persiste, adressez-vous à un membre du personnel.

done-title-issued = Tout est prêt
done-title-not-completed = Inscription non terminée
done-title-offer-expired = Le code a expiré
done-issued = Votre carte Verified ID est maintenant dans Microsoft Authenticator.
done-issued-next = Vous pouvez désormais l’utiliser pour prouver votre identité. Merci!
done-not-verified = Nous n’avons pas pu vérifier votre identité aujourd’hui.
done-offer-expired = Le code a expiré avant d’être balayé.
done-offer-expired-next = Recommencez quand vous pourrez le balayer avec Microsoft Authenticator.
done-not-attested = Nous n’avons pas pu confirmer votre pièce d’identité à ce comptoir aujourd’hui.
done-not-attested-next = Rien n’a été envoyé pour vérification. Un membre du personnel vous indiquera d’autres façons de vous inscrire.

## Showing a work ID (verify mode), and checking a new card

verify-title = Présentez votre carte d’employé
verify-new-card-title = Vérifiez votre nouvelle carte
verify-preparing = Préparation d’un code à balayer…
verify-step-share = Choisissez votre carte d’employé, partagez-la, puis suivez les étapes de Face Check sur votre téléphone.
verify-status-waiting = En attente du balayage du code…
verify-status-retrieved = Code balayé. Partagez la carte dans Authenticator et regardez votre téléphone pour Face Check.

verified-title = Carte vérifiée
verified-new-card-title = Votre nouvelle carte fonctionne
verified-lead = Verified ID a contrôlé la carte : elle satisfait à toutes les vérifications exigées par ce kiosque.
verified-new-card-face = Authenticator a partagé la carte, et votre visage correspond à sa photo.
verified-new-card = Authenticator a partagé la carte : elle se trouve bien sur votre téléphone.
not-verified-title = Carte non vérifiée
not-verified-new-card-title = Votre nouvelle carte n’a pas pu être vérifiée
verified-face-check = Face Check
verified-face-check-score = { $score } sur 100 ({ $threshold } requis)
verified-face-check-quality = { $score } sur 100 ({ $threshold } requis) · qualité de la photo : { $quality ->
        [high] élevée
        [medium] moyenne
        [low] faible
       *[other] { $quality }
    }
verified-face-check-not-asked = Non demandé
verified-revocation = Révocation
verified-not-revoked = Non révoquée (vérification par Verified ID)
verified-revocation-unknown = Statut non fourni par Verified ID
verified-issuer = Délivrée par
verified-card-type = Type de carte

# The claims a work ID carries, by claim name; a claim not listed here shows the card's own label.
claim-given_name = Prénom
claim-family_name = Nom de famille
claim-email = Courriel professionnel
claim-document_type = Pièce d’identité vérifiée
claim-document_country = Pays de délivrance de la pièce
claim-verification_journey = Vérifications effectuées
claim-assurance_level = Niveau d’assurance de l’identité
claim-evidence_validation = Mode de validation de la pièce
claim-verified_at = Date de vérification
claim-proofing_reference = Référence de la vérification d’identité

card-face-check-below = Face Check n’a pas trouvé de correspondance suffisante avec la photo de la carte.
card-face-check-below-scored = Face Check n’a pas trouvé de correspondance suffisante avec la photo de la carte (correspondance de { $score } sur 100; { $threshold } requis).
card-face-check-below-threshold = Face Check n’a pas trouvé de correspondance suffisante avec la photo de la carte ({ $threshold } sur 100 requis).
next-new-card-face-check-again = Réessayez dans un endroit bien éclairé, face au téléphone. En cas de nouvel échec, adressez-vous à un membre du personnel.
card-code-expired = Le code a expiré avant qu’une carte soit présentée.
next-new-code = Réessayez pour obtenir un nouveau code.
card-sharing-declined = Le partage de la carte a été refusé dans Authenticator.
next-new-card-declined = Votre carte est toujours dans Authenticator. Réessayez pour la vérifier, ou touchez « Terminé ».
card-service-unavailable = Verified ID ne répond pas pour le moment.
next-try-again-in-a-minute-admin = Réessayez dans une minute. Si le problème persiste, adressez-vous à un administrateur ou à une administratrice.
card-service-timed-out = Verified ID n’a pas répondu à temps.
next-try-again-admin = Réessayez. Si le problème persiste, adressez-vous à un administrateur ou à une administratrice.
