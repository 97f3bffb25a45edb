# Words for the person enrolling (or showing a work ID) at the kiosk.
# Each message is one thing a person reads. Keep one clear next step per screen, and never say
# the same thing twice on one screen. Variables ({ $name }) are filled in by the kiosk.

## The language chooser on Welcome: each language names itself.

language-name = Español
language-choice = Idioma

## The frame around every screen

brand = Registro
demo-badge = Modo de demostración
cancel = Cancelar
shell-admin = Administración
shell-admin-label = Administración (solo para el personal)
inactivity-title = ¿Sigue ahí?
inactivity-text = Por su privacidad, este registro terminará en { $seconds ->
        [one] { $seconds } segundo.
       *[other] { $seconds } segundos.
    }
still-here = Sigo aquí
not-ready-title = Este quiosco no está listo
not-ready-next = Pida ayuda a un miembro del personal.
step-progress = Paso { $current } de { $total }
try-again = Intentar de nuevo
done = Listo
finish = Finalizar
spinner-label = Procesando…

## Welcome

welcome-title = Obtenga su identificación laboral digital
welcome-lead = Verificaremos su documento de identidad y su rostro. Luego agregará su identificación laboral a Microsoft Authenticator en su teléfono.
welcome-ready = Toma unos cinco minutos. Tenga a mano su documento de identidad y su teléfono.
welcome-start-staffed = Iniciar registro
welcome-start-lobby = Comenzar
welcome-verify = Verificar identificación laboral

## Your details

intake-title = Sus datos
intake-lead = Díganos quién es y cómo tomará las fotos.
intake-email = Correo electrónico laboral
intake-given-name = Nombre (opcional)
intake-family-name = Apellidos (opcional)
intake-document = ¿Qué documento de identidad usará?
intake-method = ¿Cómo quiere tomar las fotos?
intake-method-kiosk-camera = La cámara de este quiosco
intake-method-phone = Mi teléfono
intake-consent-title = Antes de continuar
intake-consent-what = Tomamos una foto de su documento de identidad y una foto de su rostro. 1Kosmos, el servicio de verificación de identidad, las revisa para confirmar que usted es quien dice ser.
intake-consent-kept = No se guarda nada en este dispositivo: las fotos y sus datos se borran al terminar.
intake-consent = Acepto que se verifiquen mi documento de identidad y mi rostro
intake-continue = Continuar

document-drivers-license = Licencia de conducir
document-passport = Pasaporte
document-national-id = Cédula de identidad

intake-email-missing = Escriba su correo electrónico laboral.
intake-email-invalid = Esto no parece un correo electrónico. Revíselo; por ejemplo: nombre@empresa.com.
intake-email-domain = { $count ->
        [one] Use su correo electrónico laboral, que termina en { $domains }.
       *[other] Use su correo electrónico laboral, que termina en uno de estos dominios: { $domains }.
    }
intake-name-too-long = { $field ->
        [given] Su nombre puede tener como máximo { $max } caracteres.
       *[family] Sus apellidos pueden tener como máximo { $max } caracteres.
    }
intake-name-characters = { $field ->
        [given] Su nombre solo puede contener letras, espacios, guiones, apóstrofos y puntos.
       *[family] Sus apellidos solo pueden contener letras, espacios, guiones, apóstrofos y puntos.
    }
intake-document-missing = Elija el documento que trajo.
intake-method-missing = Elija cómo tomar las fotos.
intake-consent-missing = Para continuar, acepte la verificación de identidad.
intake-kiosk-camera-lobby = En este quiosco, las fotos se toman con su teléfono. Elija "Mi teléfono".
intake-kiosk-camera-document-only = En este quiosco, los documentos se verifican con su teléfono. Elija "Mi teléfono".
intake-kiosk-camera-unread = Este quiosco todavía no puede leer { $document ->
        [passport] pasaportes
        [national_id] cédulas de identidad
       *[other] este documento
    }. Elija "Mi teléfono" para tomar las fotos con su teléfono.

## Taking the photos

capture-front-title = Frente de su documento
capture-back-title = Reverso de su documento
capture-selfie-title = Su foto
capture-front-instruction = Coloque el frente de su documento dentro del marco.
capture-back-instruction = Voltee su documento y coloque el reverso dentro del marco.
capture-selfie-instruction = Mire a la cámara y mantenga su rostro dentro del óvalo.
capture-preview-document = Vista previa de la cámara con un marco para su documento de identidad
capture-preview-face = Vista previa de la cámara con un óvalo para su rostro
capture-take-photo = Tomar foto
capture-taking-photo = Tomando la foto…

guidance-place-document = Coloque su documento dentro del marco.
guidance-move-closer = Acérquese a la cámara.
guidance-document-closer = Acerque el documento a la cámara.
guidance-hold-still = No se mueva.
guidance-reduce-glare = Evite los reflejos: incline el documento para alejarlo de la luz.
guidance-more-light = Está muy oscuro: se necesita más luz.
guidance-face-camera = Mire a la cámara, con el rostro dentro del óvalo.
guidance-looks-good = Muy bien. Mantenga esa posición…

camera-not-working = La cámara no funciona en este momento.
next-camera-or-phone = Intente de nuevo, o cancele y elija "Mi teléfono" para tomar las fotos con su teléfono.

review-front-title = Revise la foto: frente de su documento
review-back-title = Revise la foto: reverso de su documento
review-selfie-title = Revise la foto de su rostro
review-document-question = ¿Se ve todo el documento, nítido y sin reflejos?
review-face-question = ¿Se ve todo su rostro con claridad y bien enfocado?
review-retake = Repetir
review-use-photo = Usar foto

## Continuing on the phone

phone-title = Continúe en su teléfono
phone-step-camera = Abra la cámara de su teléfono.
phone-step-scan = Apunte al código y toque el enlace que aparece.
phone-step-follow = Siga los pasos en su teléfono. Esta pantalla se actualiza sola.
phone-qr-label = Código QR que abre en su teléfono los pasos para tomar las fotos
phone-preparing-code = Preparando un código para su teléfono…
phone-scan-code = Esperando a que escanee el código…
phone-still-waiting = Seguimos esperando su teléfono. Termine los pasos allí o toque Cancelar para detener el proceso.

## Checking the identity

verifying-title = Verificando su identidad
verifying-status = Estamos revisando su documento y su foto.
verifying-hint = Esto suele tardar menos de un minuto.

failed-title = No pudimos confirmar su identidad
attempts-left = { $count ->
        [one] Puede intentarlo 1 vez más.
       *[other] Puede intentarlo { $count } veces más.
    }
reason-code = Código para el personal: { $code }

declined-scan-failed = El escaneo no funcionó.
next-light-and-flat = Busque un lugar sin luz intensa detrás de usted, mantenga el documento plano e intente de nuevo.
declined-check-unfinished = No pudimos terminar de revisar su documento.
declined-unreadable = No se pudo leer el documento.
next-valid-document = Use un documento de identidad oficial, vigente y en buen estado, e intente de nuevo.
declined-unsupported = Este tipo de documento no se acepta.
next-other-document = Intente de nuevo con una licencia de conducir, un pasaporte o una cédula de identidad.
declined-verification-unfinished = No pudimos terminar la verificación.
declined-too-many-attempts = Se hicieron demasiados intentos.
declined-generic = No pudimos verificar su identidad.
name-mismatch = El nombre que escribió no coincide con su documento.
next-check-name-spelling = Revise cómo escribió su nombre y apellidos, o deje esos campos vacíos, e intente de nuevo.
next-start-again-name = Vuelva a empezar y escriba su nombre y apellidos tal como aparecen en su documento, o deje esos campos vacíos.
document-expired = Su documento está vencido.
next-valid-document-later = Vuelva con un documento vigente.
phone-link-expired = El enlace de su teléfono venció antes de que se enviaran las fotos.
phone-capture-stopped = La toma de fotos en su teléfono se detuvo antes de terminar.
next-new-phone-code = Intente de nuevo para obtener un código nuevo para escanear.
document-unreadable = No pudimos leer su documento en las fotos.
next-retake-document = Intente de nuevo: mantenga el documento plano, haga que ocupe todo el marco y evite reflejos sobre el código de barras y la foto.
photo-unusable = Su foto no se puede usar en su tarjeta.
next-retake-selfie = Intente de nuevo: acérquese a la cámara, con solo su rostro en la imagen.
verification-incomplete = No pudimos terminar de verificar su identidad.
proofing-unavailable = El servicio de verificación de identidad no responde en este momento.
next-try-again-in-a-minute = Intente de nuevo en un minuto. Si sigue ocurriendo, consulte a un miembro del personal.
proofing-timed-out = La verificación de identidad tardó demasiado.
next-try-again-or-staff = Intente de nuevo. Si vuelve a fallar, pida ayuda a un miembro del personal.
next-try-again-or-staff-if-repeated = Intente de nuevo. Si sigue ocurriendo, consulte a un miembro del personal.
next-ask-staff = Pida ayuda a un miembro del personal.
attempts-used-up = Ya usó todos los intentos de esta visita.

## The credential

issuing-title = Identidad confirmada
issuing-status = Preparando su credencial…
issuing-problem-title = Su credencial no está lista
issuance-failed = No pudimos preparar su credencial.

offer-title = Agregue su identificación laboral a Authenticator
offer-qr-label = Código QR para escanear con Microsoft Authenticator
offer-step-open = Abra Microsoft Authenticator en su teléfono.
offer-step-scan = Toque el ícono de código QR y escanee este código.
offer-step-pin = Después de escanear, escriba el PIN que aparecerá aquí.
offer-cancel-note = Si cancela, este código dejará de funcionar.
offer-expires-in = Vence en { $time }
offer-pin = PIN
offer-status-waiting = Esperando a que escanee el código…
offer-status-scanned = Código escaneado. Termine en Authenticator.
offer-status-failed = No se pudo agregar su credencial a Authenticator.
wallet-cancelled = Se canceló en Authenticator el proceso para agregar la credencial.
next-new-offer-code = Cuando quiera continuar, toque "Intentar de nuevo" para obtener un código nuevo.
wallet-contract-unreadable = No se pudo leer la configuración de la credencial.
next-staff-check-credential = Pida ayuda a un miembro del personal: hay que revisar la configuración de la credencial.
wallet-failed = Authenticator no pudo agregar la credencial.
next-new-offer-code-or-staff = Toque "Intentar de nuevo" para obtener un código nuevo. Si sigue ocurriendo, consulte a un miembro del personal.

done-title-issued = ¡Todo listo!
done-title-not-completed = Registro no completado
done-title-offer-expired = El código venció
done-issued = Su credencial Verified ID está en Microsoft Authenticator.
done-issued-next = Ya puede usarla para demostrar quién es. ¡Gracias!
done-not-verified = Hoy no pudimos verificar su identidad.
done-offer-expired = El código venció antes de que se escaneara.
done-offer-expired-next = Vuelva a empezar cuando pueda escanearlo con Microsoft Authenticator.
done-not-attested = Hoy no pudimos confirmar su documento en este mostrador.
done-not-attested-next = No se envió nada para verificación. Un miembro del personal le indicará otras formas de registrarse.

## Showing a work ID (verify mode), and checking a new card

verify-title = Muestre su identificación laboral
verify-new-card-title = Compruebe su nueva tarjeta
verify-preparing = Preparando un código para escanear…
verify-step-share = Elija su identificación laboral, compártala y siga los pasos de Face Check en su teléfono.
verify-status-waiting = Esperando a que se escanee el código…
verify-status-retrieved = Código escaneado. Comparta la tarjeta en Authenticator y mire el teléfono para Face Check.

verified-title = Tarjeta verificada
verified-new-card-title = Su nueva tarjeta funciona
verified-lead = Verified ID revisó la tarjeta: superó todas las comprobaciones que exige este quiosco.
verified-new-card-face = Authenticator compartió la tarjeta y su rostro coincidió con la foto.
verified-new-card = Authenticator compartió la tarjeta: está en su teléfono.
not-verified-title = Tarjeta no verificada
not-verified-new-card-title = No se pudo comprobar su nueva tarjeta
verified-face-check = Face Check
verified-face-check-score = { $score } de 100 (se requiere { $threshold })
verified-face-check-quality = { $score } de 100 (se requiere { $threshold }) · calidad de la foto: { $quality ->
        [high] alta
        [medium] media
        [low] baja
       *[other] { $quality }
    }
verified-face-check-not-asked = No solicitado
verified-revocation = Revocación
verified-not-revoked = No revocada (según Verified ID)
verified-revocation-unknown = No informado por Verified ID
verified-issuer = Emitida por
verified-card-type = Tarjeta

# The claims a work ID carries, by claim name; a claim not listed here shows the card's own label.
claim-given_name = Nombre
claim-family_name = Apellidos
claim-email = Correo electrónico laboral
claim-document_type = Documento revisado
claim-document_country = País emisor del documento
claim-verification_journey = Verificaciones realizadas
claim-assurance_level = Nivel de garantía de identidad
claim-evidence_validation = Cómo se validó el documento
claim-verified_at = Verificado el
claim-proofing_reference = Referencia de verificación

card-face-check-below = Face Check no encontró suficiente parecido con la foto de la tarjeta.
card-face-check-below-scored = Face Check no encontró suficiente parecido con la foto de la tarjeta (coincidencia: { $score } de 100; se requiere { $threshold }).
card-face-check-below-threshold = Face Check no encontró suficiente parecido con la foto de la tarjeta (se requiere { $threshold } de 100).
next-new-card-face-check-again = Intente de nuevo con buena luz, de frente al teléfono. Si vuelve a fallar, pida ayuda a un miembro del personal.
card-code-expired = El código venció antes de que se presentara una tarjeta.
next-new-code = Intente de nuevo para obtener un código nuevo.
card-sharing-declined = Se rechazó compartir la tarjeta en Authenticator.
next-new-card-declined = Su tarjeta sigue en Authenticator. Intente de nuevo para comprobarla, o toque Listo.
card-service-unavailable = Verified ID no responde en este momento.
next-try-again-in-a-minute-admin = Intente de nuevo en un minuto. Si sigue ocurriendo, consulte a un administrador.
card-service-timed-out = Verified ID no respondió a tiempo.
next-try-again-admin = Intente de nuevo. Si sigue ocurriendo, consulte a un administrador.
