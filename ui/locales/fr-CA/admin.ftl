# Les écrans d'administration : ce que lit la personne qui administre le kiosque, derrière le NIP.
# Toujours dans la langue configurée du kiosque (kiosk.language), quelle que soit celle choisie
# par l'employé.
#
# Pour les traducteurs :
# - { $nom } est une valeur fournie par le kiosque : gardez-la et placez-la où la phrase l'exige.
# - { "texte" } doit rester tel quel (une commande, le nom d'un paramètre, une valeur à taper) :
#   copiez-le sans le changer.
# - Microsoft Entra, Verified ID, Authenticator, 1Kosmos et DocuVerify sont des noms de produits.
#   Pour les écrans de Microsoft (Certificats et secrets, Vue d'ensemble…), on reprend les noms
#   que Microsoft leur donne en français, ceux que l'administrateur y verra.

## Le cadre commun des écrans

admin-title = Administration
admin-close = Fermer

## Refus

admin-error-locked = L'écran d'administration est verrouillé : entrez le NIP d'administration.
admin-error-busy = Une inscription est en cours. Terminez-la ou annulez-la d'abord.
admin-error-kiosk-unavailable = Le kiosque ne peut pas le faire pour le moment. Réessayez dans un instant.
admin-error-invalid = Le kiosque n'a pas accepté cette valeur. Vérifiez-la et réessayez.
admin-error-failed = Ça n'a pas fonctionné. Réessayez.
admin-error-other = Un problème est survenu : { $detail }
admin-error-config-unwritable = Impossible d'écrire le fichier de configuration { $path } : { $reason }. Vérifiez que le compte du kiosque a le droit d'y écrire.

## Le NIP d'administration

admin-pin-label = NIP d'administration
admin-pin-enter = Entrez le NIP d'administration.
admin-unlock = Déverrouiller
admin-pin-wrong =
    Ce NIP n'est pas le bon. Encore { $tries ->
        [one] { $tries } essai
       *[other] { $tries } essais
    } avant une pause.
admin-pin-locked-out =
    Trop de NIP erronés. Réessayez dans { $seconds ->
        [one] { $seconds } seconde
       *[other] { $seconds } secondes
    }.
admin-set-up = Configurer ce kiosque
admin-pin-choose-lead = D'abord, choisissez le NIP qui protégera ces paramètres. Confiez-le à la personne responsable de l'informatique du comptoir.
admin-pin-choose-label = Choisissez un NIP d'administration (6 à 12 chiffres)
admin-pin-repeat-label = Entrez-le de nouveau
admin-pin-set = Enregistrer le NIP et continuer
admin-pin-mismatch = Les deux NIP diffèrent : entrez le même NIP deux fois.
admin-pin-shape = Le NIP d'administration doit compter de 6 à 12 chiffres.
admin-pin-already-set = Un NIP d'administration existe déjà : entrez-le pour déverrouiller.
admin-pin-not-hashed = Impossible d'enregistrer le NIP d'administration : { $detail }

## Pourquoi l'écran d'administration reste fermé

admin-unavailable-no-pin-hash = L'écran d'administration est verrouillé : le fichier de configuration n'a pas de { "admin.pin_hash" }. Définissez-le avec { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-pin-hash-unusable = L'écran d'administration est verrouillé : { "admin.pin_hash" } dans le fichier de configuration n'est pas un hachage Argon2id valide. Définissez-le avec { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-pin-hash-weak = L'écran d'administration est verrouillé : les coûts Argon2id de { "admin.pin_hash" } dans le fichier de configuration (m={ $m }, t={ $t }, p={ $p }) sont sous le minimum (m=19456, t=2, p=1). Définissez-le avec { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-config-unusable = L'écran d'administration est verrouillé : le fichier de configuration est inutilisable ({ $error }). Corrigez ou supprimez { $path }.

## La vue d'ensemble

admin-kiosk-heading = Ce kiosque
admin-fact-version = Version
admin-fact-running = Fonctionnement
admin-running-demo = Mode démo (services simulés)
admin-running-configured = Avec les services configurés
admin-fact-settings-file = Fichier de paramètres
admin-settings-file-none = Pas encore configuré ({ $path })
admin-fact-secrets = Secrets
admin-secrets-status =
    Secret client Entra : { $client ->
        [yes] enregistré
       *[no] non enregistré
    }; clé de licence 1Kosmos : { $license ->
        [yes] enregistrée
       *[no] non enregistrée
    }; jeton du relais : { $relay ->
        [yes] enregistré
       *[no] non enregistré
    }.
admin-fact-updates = Mises à jour
admin-fact-callbacks = Rappels
admin-relay-status = { $state }. Entra envoie les rappels à { $url }.
admin-relay-none = Aucun relais de rappels utilisé.
admin-config-open-to-others = D'autres comptes de cet ordinateur peuvent lire ou modifier { $path }, qui contient le hachage du NIP d'administration : exécutez { "chmod 600" } { $path } (enregistrer les paramètres ici règle aussi le problème).
admin-connections-heading = Connexions
admin-test-entra = Tester la connexion à Entra
admin-test-onekosmos = Tester la connexion à 1Kosmos
admin-test-relay = Tester le relais de rappels
admin-change-settings = Modifier les paramètres
admin-lock-and-close = Verrouiller et fermer

## Les derniers jours (les décomptes d'audit)

admin-audit-heading = Derniers jours
admin-audit-empty = Aucune inscription enregistrée pour l'instant.
admin-audit-caption = Résultats par jour (UTC). Aucune donnée personnelle n'est enregistrée.
admin-audit-day = Jour
admin-audit-started = Commencées
admin-audit-attested = Confirmées par le personnel
admin-audit-proofed = Vérifiées
admin-audit-issued = Délivrées
admin-audit-failed = Échouées
admin-audit-verified = Cartes vérifiées
admin-audit-verification-failed = Vérifications échouées
admin-audit-count = { $label } : { $count }
admin-audit-could-not-confirm = Confirmation impossible

## Pourquoi des inscriptions ont échoué

admin-reason-declined-idv = Refusée par 1Kosmos ({ $code })
admin-reason-declined-other = Refusée par 1Kosmos (autre motif)
admin-reason-phone-session-expired = Session sur le téléphone expirée
admin-reason-phone-session-abandoned = Session sur le téléphone abandonnée
admin-reason-document-unreadable = Pièce d'identité illisible
admin-reason-document-expired = Pièce d'identité expirée
admin-reason-name-mismatch = Le nom tapé diffère de celui de la pièce d'identité
admin-reason-document-not-attested = Le personnel n'a pas pu confirmer la pièce d'identité
admin-reason-photo-unusable = Égoportrait inutilisable comme photo de la carte
admin-reason-proofing-incomplete = 1Kosmos a omis une vérification demandée
admin-reason-proofing-unavailable = 1Kosmos indisponible
admin-reason-proofing-timed-out = 1Kosmos n'a pas répondu à temps
admin-reason-issuance-unavailable = Verified ID indisponible
admin-reason-wallet-failed = Authenticator a signalé un problème
admin-reason-offer-expired = Code QR jamais balayé
admin-reason-cancelled = Annulée au comptoir
admin-reason-idle-reset = Laissée sans surveillance (délai écoulé)
admin-reason-unknown = Autre ({ $code })

## Pourquoi des cartes présentées n'ont pas été vérifiées

admin-verification-face-check-below-threshold = Face Check sous le seuil
admin-verification-face-check-missing = Aucun résultat Face Check
admin-verification-billing-not-enabled = Facturation de Face Check non activée
admin-verification-revoked = Carte révoquée
admin-verification-wrong-issuer-or-type = Carte non acceptée par ce kiosque
admin-verification-request-expired = Code expiré avant qu'une carte soit présentée
admin-verification-user-declined = Refusée dans Authenticator
admin-verification-service-unavailable = Verified ID indisponible
admin-verification-timed-out = Verified ID n'a pas répondu à temps
admin-verification-other = Autre échec

## Mises à jour

admin-update-not-configured = Les mises à jour ne sont pas configurées
admin-update-starting = Les mises à jour sont configurées; la première vérification est en cours (version en service : { $version })
admin-update-up-to-date = À jour (version { $version }, vérifiée à { $time } UTC)
admin-update-downloading = La version { $version } a été trouvée et se télécharge
admin-update-waiting = La version { $version } est téléchargée et vérifiée; elle s'installera quand l'écran d'accueil s'affichera
admin-update-installing = Installation de la version { $version } en cours
admin-update-installed = La version { $version } est installée; le kiosque redémarre
admin-update-reason =
    { $reason ->
        [signature-mismatch] sa signature ne correspond pas à la clé publique configurée
        [unreadable-signature] sa signature est illisible
        [signed-for-other-version] elle a été signée pour la version { $signed }, mais le flux de mises à jour annonçait la version { $announced }
        [signature-without-version] sa signature n'indique pas pour quelle version elle a été faite
        [invalid-public-key] la clé publique configurée n'est pas une clé publique minisign
        [bad-endpoint] l'URL du flux de mises à jour n'est pas une URL ({ $detail }); utilisez l'URL { "https://" } du flux
        [no-release] le flux de mises à jour n'a répondu avec aucune version
        [no-build-for-platform] le flux de mises à jour n'a pas de version pour cette plateforme ({ $detail })
        [bad-feed] la réponse du flux de mises à jour ne décrit pas une version : { $detail }
        [not-an-appimage] le téléchargement n'est pas un AppImage
        [not-installable-here] ce kiosque n'a pas été lancé depuis son AppImage et ne peut donc pas se remplacer lui-même
       *[other] { $detail }
    }
admin-update-refused-check-key = Une mise à jour (version { $version }) a été refusée : { admin-update-reason }. Vérifiez { $setting }, ou si le téléchargement a été modifié en chemin. Rien n'a été installé
admin-update-refused-re-sign = Une mise à jour (version { $version }) a été refusée : { admin-update-reason }. Demandez à l'éditeur du flux de mises à jour de la signer et de la publier de nouveau. Rien n'a été installé
admin-update-bad-key = Les mises à jour ne sont pas vérifiées : { $setting } n'est pas une clé publique minisign. Collez la clé publique qui signe les mises à jour (le texte qu'affiche { "tauri signer generate" })
admin-update-check-failed = Impossible de vérifier les mises à jour : { admin-update-reason } (à { $time } UTC); nouvel essai plus tard
admin-update-download-failed = Impossible de télécharger la version { $version } : { admin-update-reason }; nouvel essai à la prochaine vérification
admin-update-install-failed = Impossible d'installer la version { $version } : { admin-update-reason }; nouvel essai à la prochaine vérification
admin-update-cannot-install-here = La version { $version } est offerte, mais ce kiosque n'a pas été lancé depuis son AppImage et ne peut pas se remplacer lui-même. Installez la nouvelle version avec votre outil de gestion des appareils

## Le relais de rappels

admin-relay-connecting = Connexion en cours depuis { $time } UTC
admin-relay-connected = Connecté depuis { $time } UTC
admin-relay-reconnecting =
    Reconnexion en cours depuis { $time } UTC ({ $attempts ->
        [one] { $attempts } essai
       *[other] { $attempts } essais
    }) : { $reason ->
        [unreachable] le relais est injoignable
        [token-refused] le relais refuse le jeton de ce kiosque
        [refused] le relais refuse les connexions pour l'instant
        [ended] le relais a mis fin à la connexion
        [silent] le relais ne donne plus signe de vie
       *[malformed] la réponse du relais n'était pas un flux d'événements
    }

## La caméra

admin-camera-heading = Caméra
admin-camera-none = Aucune caméra n'est branchée. Branchez une webcam; d'ici là, les écrans de capture proposent le téléphone.
admin-camera-choose = Choisissez une caméra à prévisualiser.
admin-camera-not-listed = Impossible de lister les caméras : { $error }.
admin-camera-preview-failed = Impossible de démarrer l'aperçu : { $error }.
admin-camera-save-settings-first = Enregistrez d'abord les paramètres : le choix de la caméra est conservé avec eux.
admin-camera-preview = Aperçu
admin-camera-preview-named = Aperçu de { $camera }
admin-camera-preview-demo = Aperçu de la caméra de démonstration
admin-camera-preview-label = Aperçu de la caméra
admin-camera-stop-preview = Arrêter l'aperçu
admin-camera-starting = Démarrage de { $camera }…
admin-camera-starting-demo = Démarrage de la caméra de démonstration…
admin-camera-showing = Aperçu de { $camera } affiché.
admin-camera-showing-demo = Aperçu de la caméra de démonstration affiché.
admin-camera-chosen = La caméra { $camera } sera utilisée à partir du prochain démarrage.

## Tester la connexion

admin-test-connection = Tester la connexion
admin-testing = Test en cours… cela peut prendre quelques secondes.
admin-connected = Connecté.
admin-not-connected = Non connecté.
admin-step-heading = { $step } :
admin-step-settings = Paramètres
admin-step-sign-in = Connexion à Microsoft Entra
admin-step-manifest = Manifeste de l'identifiant
admin-step-claims = Revendications de l'identifiant
admin-step-community = Communauté
admin-step-service-key = Clé du service
admin-step-license-key = Clé de licence
admin-step-connection = Connexion
admin-step-relay = Relais de rappels
admin-check-error = { $error }.
admin-check-setting = Le paramètre { $field } n'est pas correct :
admin-check-entra-token = Entra a délivré un jeton d'accès.
admin-hint-entra-credentials = Vérifiez l'ID de locataire et l'ID client, et que le secret client est encore valide (les secrets expirent; créez-en un nouveau sous Certificats et secrets).
admin-check-manifest-issuer = L'émetteur du manifeste est { $issuer }, comme configuré.
admin-check-claims-ok = L'identifiant associe les { $count } revendications qu'envoie le kiosque et n'en exige aucune qui puisse manquer.
admin-manifest-other-tenant = L'URL du manifeste n'appartient pas au locataire de ce kiosque ({ $tenant }). Copiez l'URL du manifeste depuis la page de l'identifiant dans Verified ID du même locataire.
admin-manifest-other-type = Le manifeste est celui du type d'identifiant { $found }, mais le kiosque est réglé sur { $configured }. Réglez le type d'identifiant sur { $found }, ou utilisez l'URL du manifeste de l'identifiant { $configured }.
admin-manifest-unmapped =
    Les règles de l'identifiant n'associent pas { $claims } : la carte ne { $count ->
        [one] la porterait
       *[other] les porterait
    } pas. Remplacez la définition des règles par celle qu'affiche { "enrollment-kiosk --print-credential-definition rules" }.
admin-manifest-requires-sometimes-empty = Les règles de l'identifiant exigent { $claim }, qui est parfois vide : ces délivrances échoueraient. Mettez { "\"required\"" } à { "false" } dans son association.
admin-manifest-requires-not-sent = Les règles de l'identifiant exigent { $claim }, que le kiosque n'envoie pas : ces délivrances échoueraient. Mettez { "\"required\"" } à { "false" } dans son association.
admin-manifest-photo-not-shown = La carte n'affiche pas { $claim } comme photo. Dans la définition d'affichage, donnez à la revendication { "vc.credentialSubject." }{ $claim } le type { $type }.
admin-check-community = Communauté { $community } trouvée.
admin-check-community-in-tenant = Locataire { $tenant } trouvé, communauté { $community }.
admin-check-service-key = Clé publique de DocuVerify lue à { $url }.
admin-check-license-accepted = 1Kosmos a accepté la clé de licence.
admin-check-license-refused = 1Kosmos a refusé la clé de licence. Copiez-la de nouveau depuis la console d'administration de 1Kosmos et enregistrez-la ici.
admin-hint-onekosmos-reach = Vérifiez le nom DNS du locataire et que cet ordinateur peut le joindre.
admin-hint-onekosmos-license = Copiez de nouveau la clé de licence depuis la console d'administration de 1Kosmos et enregistrez-la ici.
admin-hint-onekosmos-not-found = Vérifiez le nom de la communauté et les dvcID.
admin-relay-settings-missing = Indiquez l'URL du relais et le nom de ce kiosque auprès du relais.
admin-relay-url-invalid = L'URL du relais n'est pas une URL.
admin-relay-kiosk-name-invalid = Le nom du kiosque auprès du relais est inutilisable : { $error }.
admin-relay-no-configuration = Ce kiosque n'a pas encore de configuration.
admin-relay-accepted = Le relais a accepté ce kiosque ({ $kiosk }). Entra envoie les rappels à { $url }.
admin-relay-token-refused = Le relais a refusé le jeton de ce kiosque. Créez-en un avec { "enrollment-relay kiosk-token" } { $kiosk } et enregistrez-le avec { "enrollment-kiosk --store-secret relay-token" }.
admin-hint-relay-reach = Vérifiez l'URL du relais et que cet ordinateur peut la joindre.

## Les secrets et le magasin d'identifiants

admin-secret-missing =
    { $secret ->
        [entra-client-secret] Le secret client Entra n'est pas
        [onekosmos-license-key] La clé de licence 1Kosmos n'est pas
       *[relay-token] Le jeton du relais n'est pas
    } dans le magasin d'identifiants. Enregistrez la valeur avec { "enrollment-kiosk --store-secret" } { $account } (elle est lue sur l'entrée standard).
admin-secret-from-store = Le jeton du relais provient du magasin d'identifiants.
admin-secret-type-new =
    Entrez { $secret ->
        [entra-client-secret] le secret client Entra : celui qui est enregistré appartient
        [onekosmos-license-key] la clé de licence 1Kosmos : celle qui est enregistrée appartient
       *[relay-token] le jeton du relais : celui qui est enregistré appartient
    } aux paramètres enregistrés et ne sert qu'avec eux.
admin-secret-type-first =
    Entrez d'abord { $secret ->
        [entra-client-secret] le secret client Entra
        [onekosmos-license-key] la clé de licence 1Kosmos
       *[relay-token] le jeton du relais
    }.
admin-save-secret-failed =
    Impossible d'enregistrer { $secret ->
        [entra-client-secret] le secret client Entra
        [onekosmos-license-key] la clé de licence 1Kosmos
       *[relay-token] le jeton du relais
    }.
admin-store-unavailable = Aucun magasin d'identifiants n'est disponible sur cet ordinateur ({ $detail }). Sous Linux, lancez un Secret Service comme GNOME Keyring dans la session du kiosque; sous Windows, le Gestionnaire d'identification doit être accessible au compte du kiosque.
admin-store-locked = Le magasin d'identifiants est verrouillé. Déverrouillez-le (ouvrez une session avec le compte du kiosque) et réessayez.
admin-store-refused =
    Le magasin d'identifiants a refusé { $secret ->
        [entra-client-secret] le secret client Entra
        [onekosmos-license-key] la clé de licence 1Kosmos
       *[relay-token] le jeton du relais
    } : { $detail }.
admin-settings-entra-unusable = Les paramètres Entra sont inutilisables : { $detail }.
admin-settings-onekosmos-unusable = Les paramètres 1Kosmos sont inutilisables : { $detail }.

## Enregistrer les paramètres

admin-save-file-failed = Impossible d'écrire le fichier de configuration { $path } : { $reason }. Vérifiez que le compte du kiosque a le droit d'y écrire.
admin-save-nothing-saved = Rien n'a été enregistré.
admin-saved-title = Paramètres enregistrés
admin-saved-where = Enregistrés dans { $path }. Les secrets sont dans le magasin d'identifiants de l'ordinateur.
admin-saved-restart-note = Le kiosque utilisera les nouveaux paramètres après un redémarrage.
admin-restart = Redémarrer maintenant
admin-back-to-overview = Retour à l'administration

## L'assistant de configuration

admin-wizard-title = Paramètres, étape { $step } sur { $steps } : { $title }
admin-wizard-fix-fields =
    { $count ->
        [one] Corrigez le champ signalé ci-dessous.
       *[other] Corrigez les { $count } champs signalés ci-dessous.
    }
admin-wizard-back = Retour
admin-wizard-next = Suivant
admin-wizard-save = Enregistrer les paramètres

admin-step-entra-title = Microsoft Entra Verified ID
admin-field-tenant-id = ID de locataire
admin-hint-tenant-id = Centre d'administration Microsoft Entra › Vue d'ensemble › ID de locataire
admin-field-client-id = ID client
admin-hint-client-id = L'ID d'application (client) de l'inscription d'application
admin-field-client-secret = Secret client
admin-hint-stored-secret = Conservé dans le magasin d'identifiants de l'ordinateur. Laissez vide pour garder celui qui est enregistré.
admin-field-issuer-did = DID de l'émetteur
admin-hint-issuer-did = Verified ID › Paramètres de l'organisation ({ "did:web:…" })
admin-field-manifest-url = URL du manifeste
admin-hint-manifest-url = La page de l'identifiant dans Verified ID
admin-field-credential-type = Type d'identifiant
admin-hint-credential-type = Un identifiant personnalisé (indicateur de jeton d'ID) défini avec { "enrollment-kiosk --print-credential-definition rules" } et { "display" }; pas VerifiedEmployee, dont le kiosque n'envoie pas les revendications fixes.
admin-field-client-name = Nom affiché dans Authenticator
admin-field-photo-claim = Revendication de la photo (facultatif)
admin-hint-photo-claim = Par exemple { "photo" } : l'égoportrait vérifié figure sur la carte, pour Face Check. Laissez vide pour ne pas mettre de photo.
admin-field-pin-length = Chiffres du NIP à côté du code QR (0 pour aucun)

admin-step-onekosmos-title = Vérification d'identité 1Kosmos
admin-field-tenant-dns = Nom DNS du locataire
admin-hint-tenant-dns = Par exemple { "contoso.1kosmos.net" }, sans { "https://" }
admin-field-community = Communauté
admin-field-license-key = Clé de licence
admin-field-journey = Parcours de vérification
admin-option-journey-kyc-with-selfie = Pièce d'identité et égoportrait
admin-option-journey-document-only = Pièce d'identité seulement
admin-field-dvc-id-kyc-with-selfie = dvcID pour pièce d'identité et égoportrait
admin-field-dvc-id-document-only = dvcID pour pièce d'identité seulement
admin-field-flow-url = URL du flux de vérification d'identité
admin-field-dl-verify = Vérifier les permis de conduire américains auprès du DMV

admin-step-kiosk-title = Ce kiosque
admin-field-language = Langue
admin-hint-language = L'écran d'accueil s'ouvre dans cette langue et l'employé peut en choisir une autre. Les écrans du personnel et de l'administration l'utilisent toujours.
admin-option-language-en = Anglais
admin-option-language-es = Espagnol
admin-option-language-fr-ca = Français (Canada)
admin-field-kiosk-mode = Mode du kiosque
admin-option-mode-staffed = Comptoir avec personnel
admin-option-mode-lobby = Hall d'entrée (libre-service)
admin-field-lobby-capture = Photos à un kiosque de hall d'entrée
admin-option-capture-phone = Sur le téléphone de l'employé (peut atteindre IAL2)
admin-option-capture-kiosk-camera = Avec la caméra de ce kiosque (IAL1 seulement)
admin-field-unattested-document = Quand le personnel ne peut pas confirmer une pièce d'identité (comptoir avec personnel)
admin-option-unattested-continue = Vérifier quand même au niveau IAL1
admin-option-unattested-end = Mettre fin à l'inscription
admin-field-idle-warning = Secondes d'inactivité avant l'avertissement
admin-field-idle-reset = Secondes du compte à rebours de l'avertissement
admin-field-max-attempts = Tentatives de vérification par inscription
admin-field-max-reissues = Nouveaux codes QR après l'expiration d'un code
admin-field-email-domains = Domaines de courriel autorisés (vide : tous)
admin-hint-email-domains = Séparez-les par des virgules
admin-field-relay-url = URL du relais de rappels
admin-field-kiosk-id = Nom de ce kiosque auprès du relais
admin-hint-kiosk-id = Son jeton : { "enrollment-relay kiosk-token NOM | enrollment-kiosk --store-secret relay-token" }
admin-field-update-endpoint = URL du flux de mises à jour (facultatif)
admin-field-update-pubkey = Clé publique de signature des mises à jour

## Le problème d'un champ : ce qui ne va pas

admin-problem-not-guid = « { $value } » n'est pas un GUID.
admin-problem-not-did = « { $value } » n'est pas un identifiant { "did:web:" } ou { "did:ion:" }.
admin-problem-not-url = « { $value } » n'est pas une URL.
admin-problem-not-https-url = « { $value } » n'est pas une URL { "https://" }.
admin-problem-empty = Ce paramètre est vide.
admin-problem-missing = Ce paramètre est manquant.
admin-problem-required = Ce paramètre est obligatoire.
admin-problem-not-claim-name = « { $value } » n'est pas un nom de revendication.
admin-problem-outside-range = { $value } est hors de l'intervalle { $min } à { $max }.
admin-problem-not-host = « { $value } » n'est pas un nom d'hôte.
admin-problem-missing-for-journey = Ce paramètre est manquant pour le parcours choisi.
admin-problem-not-domain = « { $value } » n'est pas un domaine.
admin-problem-route-pattern = « { $value } » a un chemin qui se lit comme un modèle de route (un segment qui commence par { ":" } ou { "*" }, ou une accolade).
admin-problem-not-kiosk-id = « { $value } » n'est pas un nom que le relais accepte.
admin-problem-weak-pin-hash = Ses coûts Argon2id (m={ $m }, t={ $t }, p={ $p }) sont sous le minimum (m=19456 Kio, t=2, p=1); le NIP serait donc vite deviné à partir d'une copie du fichier.
admin-problem-not-pin-hash = Ce n'est pas un hachage Argon2id utilisable.
admin-problem-face-check-without-photo = Face Check est activé, mais aucune revendication de photo n'est indiquée.
admin-problem-empty-entry = La liste contient un élément vide.
admin-problem-no-values = « { $value } » n'a aucune valeur, ou en a une vide.
admin-problem-missing-with-endpoint = Ce paramètre est manquant alors qu'une URL de flux de mises à jour est indiquée.
admin-problem-not-language = « { $value } » n'est pas une langue que parle le kiosque.
admin-problem-not-whole-number = Ce n'est pas un nombre entier.
admin-problem-config = La configuration a un problème : { $detail }

## Le problème d'un champ : que faire

admin-fix-entra-tenant-id = Copiez l'ID de l'annuaire (locataire) depuis le Centre d'administration Microsoft Entra.
admin-fix-entra-client-id = Copiez l'ID d'application (client) de l'inscription d'application.
admin-fix-entra-issuer-did = Copiez l'identificateur décentralisé (DID) depuis Verified ID › Paramètres de l'organisation.
admin-fix-entra-manifest-url = Copiez l'URL du manifeste depuis la page de l'identifiant dans Verified ID.
admin-fix-entra-credential-type = Indiquez le type de votre identifiant personnalisé, par exemple { "VerifiedEnrollment" }.
admin-fix-photo-claim = Utilisez le nom de la revendication de la photo tel qu'il figure dans les règles de l'identifiant, par exemple { "photo" }.
admin-fix-entra-pin-length = Utilisez de 4 à 16 chiffres, ou 0 pour ne pas afficher de NIP.
admin-fix-onekosmos-tenant-dns = Utilisez le nom DNS du locataire sans { "https://" }, par exemple { "acme.1kosmos.net" }.
admin-fix-onekosmos-community = Utilisez le nom de la communauté tel qu'il figure dans la console d'administration de 1Kosmos, souvent { "default" }.
admin-fix-onekosmos-dvc-id = Copiez le dvcID de ce parcours depuis la console d'administration de 1Kosmos.
admin-fix-onekosmos-flow-url = Utilisez l'URL { "https://" } du flux de vérification d'identité de 1Kosmos.
admin-fix-seconds = Utilisez de { $min } à { $max } secondes.
admin-fix-attempts = Utilisez de { $min } à { $max } tentatives.
admin-fix-reissues = Utilisez une valeur de { $min } à { $max }.
admin-fix-email-domains = Tapez les domaines sans @, séparés par des virgules, par exemple { "contoso.com, fabrikam.com" }.
admin-fix-relay-url = Utilisez l'URL publique { "https://" } du relais de rappels.
admin-fix-relay-url-required = Entra doit joindre ce kiosque par une URL publique { "https://" } : utilisez l'URL de votre relais de rappels.
admin-fix-plain-path = Utilisez un chemin simple, par exemple { "https://kiosk-relay.contoso.com/api/verified-id/callback" }.
admin-fix-kiosk-id-missing = Donnez à ce kiosque un nom auprès du relais (lettres, chiffres, - et _) : le nom pour lequel son jeton a été créé.
admin-fix-kiosk-id = Utilisez de 1 à 64 lettres, chiffres, - ou _, en commençant par une lettre ou un chiffre.
admin-fix-pin-hash = Définissez-le avec { "enrollment-kiosk --hash-admin-pin" }; n'écrivez jamais le NIP lui-même dans le fichier de configuration.
admin-fix-face-check-threshold = Utilisez de { $min } à { $max }; la valeur par défaut de Microsoft est 70.
admin-fix-face-check = Réglez { "entra.photo_claim" } (ou { "verify.photo_claim" }) sur la revendication de la photo de la carte, ou mettez { "verify.face_check = false" }.
admin-fix-verify-credential-types = Énumérez des types d'identifiants, par exemple { "[\"VerifiedEnrollment\"]" }, ou omettez le paramètre.
admin-fix-verify-issuers = Énumérez des DID d'émetteurs, par exemple { "[\"did:web:verifiedid.contoso.com\"]" }, ou omettez le paramètre.
admin-fix-claim-names = Utilisez des noms de revendications tirés des règles de l'identifiant, par exemple { "given_name" }.
admin-fix-claim-values = Donnez à chaque revendication les valeurs qu'une carte peut avoir, par exemple { "assurance_level = [\"IAL2\"]" }.
admin-fix-update-endpoint = Utilisez l'URL { "https://" } du flux de mises à jour.
admin-fix-update-pubkey = Collez la clé publique qui signe les mises à jour.
admin-fix-language = Choisissez l'anglais ({ "en" }), l'espagnol ({ "es" }) ou le français du Canada ({ "fr-CA" }).
admin-fix-client-secret = Créez un secret client sous Certificats et secrets de l'inscription d'application, puis collez sa valeur.
admin-fix-license-key = Collez la clé de licence de la console d'administration de 1Kosmos.
admin-fix-whole-number = Tapez un nombre entier de 0 à { $max }.
admin-fix-config = Corrigez le fichier de configuration, ou enregistrez ces paramètres ici pour le remplacer.
