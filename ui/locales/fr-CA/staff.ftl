# Words for the member of staff at the desk: the document check before verification, and the
# result of a work ID someone showed. Always in the kiosk's configured language.

## Confirming the document (staffed desk, kiosk camera)

staff-attest-title = Réservé au personnel : confirmez la pièce d’identité
staff-attest-lead = Ne confirmez que ce que vous avez vérifié sur la pièce d’identité physique. C’est votre confirmation qui permet à la carte Verified ID de cette personne d’indiquer le niveau IAL2.
staff-attest-legend = J’ai eu { $document ->
        [passport] le passeport
        [national_id] la carte d’identité nationale
       *[other] le permis de conduire
    } en main et j’ai vérifié que :
staff-attest-security-features = Ses éléments de sécurité sont présents (hologramme, microimpression, marques en relief ou UV)
staff-attest-not-altered = Rien ne semble modifié, remplacé ou recouvert d’une pellicule plastique
staff-attest-portrait = La photo correspond à la personne présente au comptoir
staff-code-label = Votre code de membre du personnel
staff-code-hint = Enregistré dans le journal de vérification du kiosque, qui compte les pièces d’identité confirmées sous chaque code de membre du personnel.
staff-attest-confirm = Confirmer et vérifier
staff-attest-decline-end = Impossible de confirmer : mettre fin à l’inscription
staff-attest-decline-ial1 = Impossible de confirmer : vérifier au niveau inférieur (IAL1)
staff-attest-confirm-all = Confirmez les trois vérifications, ou choisissez « Impossible de confirmer ».
staff-code-missing = Entrez votre code de membre du personnel.
staff-code-invalid = Un code de membre du personnel compte de { $min } à { $max } lettres ou chiffres (les caractères - _ . sont permis).

## A work ID that did not verify (verify mode): what to do next

staff-next-face-check-again = Demandez à la personne de réessayer dans un endroit bien éclairé, face au téléphone. En cas de nouvel échec, vérifiez son identité d’une autre façon.
card-face-check-missing = La carte a été présentée sans résultat Face Check.
staff-next-no-photo = Réessayez. Si le problème persiste, la carte ne comporte peut-être pas de photo : vérifiez l’identité de la personne d’une autre façon.
card-face-check-billing = Face Check n’est pas disponible : la facturation de ce service n’est pas configurée dans Verified ID.
staff-next-enable-billing = Un administrateur ou une administratrice doit activer la facturation de Face Check (aka.ms/fcbilling). D’ici là, vérifiez l’identité des personnes d’une autre façon.
card-revoked = Cette carte a été révoquée par son émetteur.
staff-next-revoked = Ne l’acceptez pas. La personne peut s’inscrire de nouveau pour obtenir une nouvelle carte.
card-not-accepted = Ce kiosque n’accepte pas cette carte (autre type ou autre émetteur).
staff-next-present-work-id = Demandez à la personne de présenter sa carte d’employé Verified ID, puis réessayez.
staff-next-when-ready = Réessayez lorsque la personne sera prête à la partager.
card-not-verified = La carte n’a pas pu être vérifiée.
staff-next-other-way = Réessayez. En cas de nouvel échec, vérifiez l’identité de la personne d’une autre façon.
