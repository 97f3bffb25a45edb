# Las pantallas de administración: lo que lee quien administra el quiosco, tras el PIN.
# Siempre en el idioma configurado del quiosco (kiosk.language), elija lo que elija el empleado.
#
# Para quien traduzca:
# - { $nombre } es un valor que pone el quiosco: consérvelo y colóquelo donde lo pida la frase.
# - { "texto" } debe quedar exactamente igual (un comando, el nombre de un ajuste, un valor que
#   se escribe tal cual): cópielo sin cambios.
# - Microsoft Entra, Verified ID, Authenticator, 1Kosmos y DocuVerify son nombres de productos.
#   Para las pantallas de Microsoft (Certificados y secretos, Información general…) se usan los
#   nombres que Microsoft les da en español, que son los que verá el administrador.

## El marco común de las pantallas

admin-title = Administración
admin-close = Cerrar

## Rechazos

admin-error-locked = La pantalla de administración está bloqueada: introduzca el PIN de administración.
admin-error-busy = Hay una inscripción en curso. Termínela o cancélela primero.
admin-error-kiosk-unavailable = El quiosco no puede hacerlo en este momento. Vuelva a intentarlo en un instante.
admin-error-invalid = El quiosco no aceptó este valor. Revíselo y vuelva a intentarlo.
admin-error-failed = No funcionó. Vuelva a intentarlo.
admin-error-other = Algo salió mal: { $detail }
admin-error-config-unwritable = No se pudo escribir el archivo de configuración { $path }: { $reason }. Compruebe que la cuenta del quiosco tenga permiso de escritura allí.

## El PIN de administración

admin-pin-label = PIN de administración
admin-pin-enter = Introduzca el PIN de administración.
admin-unlock = Desbloquear
admin-pin-wrong =
    Ese PIN no es correcto. { $tries ->
        [one] Queda { $tries } intento
       *[other] Quedan { $tries } intentos
    } antes de una pausa.
admin-pin-locked-out =
    Demasiados PIN incorrectos. Vuelva a intentarlo dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }.
admin-set-up = Configurar este quiosco
admin-pin-choose-lead = Primero, elija el PIN que protegerá esta configuración. Déjelo en manos del responsable de informática del puesto.
admin-pin-choose-label = Elija un PIN de administración (de 6 a 12 dígitos)
admin-pin-repeat-label = Escríbalo otra vez
admin-pin-set = Guardar el PIN y continuar
admin-pin-mismatch = Los dos PIN no coinciden: escriba el mismo PIN dos veces.
admin-pin-shape = El PIN de administración debe tener de 6 a 12 dígitos.
admin-pin-already-set = Ya hay un PIN de administración: introdúzcalo para desbloquear.
admin-pin-not-hashed = No se pudo guardar el PIN de administración: { $detail }

## Por qué la pantalla de administración sigue cerrada

admin-unavailable-no-pin-hash = La pantalla de administración está bloqueada: el archivo de configuración no tiene { "admin.pin_hash" }. Defínalo con { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-pin-hash-unusable = La pantalla de administración está bloqueada: { "admin.pin_hash" } en el archivo de configuración no es un hash Argon2id válido. Defínalo con { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-pin-hash-weak = La pantalla de administración está bloqueada: los costes Argon2id de { "admin.pin_hash" } en el archivo de configuración (m={ $m }, t={ $t }, p={ $p }) están por debajo del mínimo (m=19456, t=2, p=1). Defínalo con { "enrollment-kiosk --hash-admin-pin" }.
admin-unavailable-config-unusable = La pantalla de administración está bloqueada: no se puede usar el archivo de configuración ({ $error }). Corrija o elimine { $path }.

## La vista general

admin-kiosk-heading = Este quiosco
admin-fact-version = Versión
admin-fact-running = Funcionamiento
admin-running-demo = Modo de demostración (servicios simulados)
admin-running-configured = Con los servicios configurados
admin-fact-settings-file = Archivo de configuración
admin-settings-file-none = Aún sin configurar ({ $path })
admin-fact-secrets = Secretos
admin-secrets-status =
    Secreto de cliente de Entra: { $client ->
        [yes] guardado
       *[no] sin guardar
    }; clave de licencia de 1Kosmos: { $license ->
        [yes] guardada
       *[no] sin guardar
    }; token del retransmisor: { $relay ->
        [yes] guardado
       *[no] sin guardar
    }.
admin-fact-updates = Actualizaciones
admin-fact-callbacks = Devoluciones de llamada
admin-relay-status = { $state }. Entra las envía a { $url }.
admin-relay-none = No se usa ningún retransmisor de devoluciones de llamada.
admin-config-open-to-others = Otras cuentas de este equipo pueden leer o modificar { $path }, y contiene el hash del PIN de administración: ejecute { "chmod 600" } { $path } (guardar la configuración aquí también lo corrige).
admin-connections-heading = Conexiones
admin-test-entra = Probar la conexión con Entra
admin-test-onekosmos = Probar la conexión con 1Kosmos
admin-test-relay = Probar el retransmisor de devoluciones de llamada
admin-change-settings = Cambiar la configuración
admin-lock-and-close = Bloquear y cerrar

## Últimos días (los recuentos de auditoría)

admin-audit-heading = Últimos días
admin-audit-empty = Todavía no hay inscripciones registradas.
admin-audit-caption = Resultados por día (UTC). No se registra ningún dato personal.
admin-audit-day = Día
admin-audit-started = Iniciadas
admin-audit-attested = Confirmadas por el personal
admin-audit-proofed = Verificadas
admin-audit-issued = Emitidas
admin-audit-failed = Fallidas
admin-audit-verified = Tarjetas comprobadas
admin-audit-verification-failed = Comprobaciones fallidas
admin-audit-count = { $label }: { $count }
admin-audit-could-not-confirm = No se pudo confirmar

## Por qué fallaron las inscripciones

admin-reason-declined-idv = Rechazada por 1Kosmos ({ $code })
admin-reason-declined-other = Rechazada por 1Kosmos (otro motivo)
admin-reason-phone-session-expired = La sesión en el teléfono caducó
admin-reason-phone-session-abandoned = La sesión en el teléfono se abandonó
admin-reason-document-unreadable = No se pudo leer el documento
admin-reason-document-expired = Documento vencido
admin-reason-name-mismatch = El nombre escrito no coincide con el documento
admin-reason-document-not-attested = El personal no pudo confirmar el documento
admin-reason-photo-unusable = La selfie no sirve como foto de la tarjeta
admin-reason-proofing-incomplete = 1Kosmos omitió una comprobación solicitada
admin-reason-proofing-unavailable = 1Kosmos no disponible
admin-reason-proofing-timed-out = 1Kosmos no respondió a tiempo
admin-reason-issuance-unavailable = Verified ID no disponible
admin-reason-wallet-failed = Authenticator informó de un problema
admin-reason-offer-expired = Nadie escaneó el código QR
admin-reason-cancelled = Cancelada en el puesto
admin-reason-idle-reset = Abandonada (tiempo agotado)
admin-reason-unknown = Otro ({ $code })

## Por qué no se comprobaron las tarjetas presentadas

admin-verification-face-check-below-threshold = Face Check por debajo del umbral
admin-verification-face-check-missing = Sin resultado de Face Check
admin-verification-billing-not-enabled = Facturación de Face Check no habilitada
admin-verification-revoked = Tarjeta revocada
admin-verification-wrong-issuer-or-type = No es una tarjeta que este quiosco acepte
admin-verification-request-expired = El código caducó antes de que se compartiera una tarjeta
admin-verification-user-declined = Rechazada en Authenticator
admin-verification-service-unavailable = Verified ID no disponible
admin-verification-timed-out = Verified ID no respondió a tiempo
admin-verification-other = Otro fallo

## Actualizaciones

admin-update-not-configured = Las actualizaciones no están configuradas
admin-update-starting = Las actualizaciones están configuradas; la primera comprobación está en curso (versión en uso: { $version })
admin-update-up-to-date = Al día (versión { $version }, comprobado a las { $time } UTC)
admin-update-downloading = Se encontró la versión { $version } y se está descargando
admin-update-waiting = La versión { $version } está descargada y verificada; se instalará cuando aparezca la pantalla de bienvenida
admin-update-installing = Se está instalando la versión { $version }
admin-update-installed = La versión { $version } está instalada; el quiosco se está reiniciando
admin-update-reason =
    { $reason ->
        [signature-mismatch] su firma no coincide con la clave pública configurada
        [unreadable-signature] su firma no se puede leer
        [signed-for-other-version] se firmó para la versión { $signed }, pero el canal de actualizaciones anunció la versión { $announced }
        [signature-without-version] su firma no indica para qué versión se firmó
        [invalid-public-key] la clave pública configurada no es una clave pública de minisign
        [bad-endpoint] la URL del canal de actualizaciones no es una URL ({ $detail }); use la URL { "https://" } del canal
        [no-release] el canal de actualizaciones no respondió con ninguna versión
        [no-build-for-platform] el canal de actualizaciones no tiene compilación para esta plataforma ({ $detail })
        [bad-feed] la respuesta del canal de actualizaciones no describe una versión: { $detail }
        [not-an-appimage] la descarga no es un AppImage
        [not-installable-here] este quiosco no se inició desde su AppImage, así que no puede reemplazarse a sí mismo
       *[other] { $detail }
    }
admin-update-refused-check-key = Se rechazó una actualización (versión { $version }): { admin-update-reason }. Revise { $setting } o si la descarga se alteró por el camino. No se instaló nada
admin-update-refused-re-sign = Se rechazó una actualización (versión { $version }): { admin-update-reason }. Pida a quien publica el canal de actualizaciones que la vuelva a firmar y a publicar. No se instaló nada
admin-update-bad-key = No se buscan actualizaciones: { $setting } no es una clave pública de minisign. Pegue la clave pública que firma las actualizaciones (el texto que muestra { "tauri signer generate" })
admin-update-check-failed = No se pudo buscar actualizaciones: { admin-update-reason } (a las { $time } UTC); se volverá a intentar más tarde
admin-update-download-failed = No se pudo descargar la versión { $version }: { admin-update-reason }; se volverá a intentar en la próxima comprobación
admin-update-install-failed = No se pudo instalar la versión { $version }: { admin-update-reason }; se volverá a intentar en la próxima comprobación
admin-update-cannot-install-here = La versión { $version } está disponible, pero este quiosco no se inició desde su AppImage y no puede reemplazarse a sí mismo. Instale la nueva versión con su herramienta de administración de dispositivos

## El retransmisor de devoluciones de llamada

admin-relay-connecting = Conectando desde las { $time } UTC
admin-relay-connected = Conectado desde las { $time } UTC
admin-relay-reconnecting =
    Reconectando desde las { $time } UTC ({ $attempts ->
        [one] { $attempts } intento
       *[other] { $attempts } intentos
    }): { $reason ->
        [unreachable] no se puede llegar al retransmisor
        [token-refused] el retransmisor rechaza el token de este quiosco
        [refused] el retransmisor rechaza conexiones por ahora
        [ended] el retransmisor cerró la conexión
        [silent] el retransmisor dejó de responder
       *[malformed] la respuesta del retransmisor no era un flujo de eventos
    }

## La cámara

admin-camera-heading = Cámara
admin-camera-none = No hay ninguna cámara conectada. Conecte una cámara web; mientras tanto, las pantallas de captura ofrecen usar el teléfono.
admin-camera-choose = Elija una cámara para ver la vista previa.
admin-camera-not-listed = No se pudieron enumerar las cámaras: { $error }.
admin-camera-preview-failed = No se pudo iniciar la vista previa: { $error }.
admin-camera-save-settings-first = Guarde primero la configuración: la cámara elegida se guarda con ella.
admin-camera-preview = Vista previa
admin-camera-preview-named = Vista previa de { $camera }
admin-camera-preview-demo = Vista previa de la cámara de demostración
admin-camera-preview-label = Vista previa de la cámara
admin-camera-stop-preview = Detener la vista previa
admin-camera-starting = Iniciando { $camera }…
admin-camera-starting-demo = Iniciando la cámara de demostración…
admin-camera-showing = Mostrando { $camera }.
admin-camera-showing-demo = Mostrando la cámara de demostración.
admin-camera-chosen = Se usará { $camera } a partir del próximo inicio.

## Probar la conexión

admin-test-connection = Probar la conexión
admin-testing = Probando… puede tardar unos segundos.
admin-connected = Conectado.
admin-not-connected = Sin conexión.
admin-step-heading = { $step }:
admin-step-settings = Configuración
admin-step-sign-in = Inicio de sesión en Microsoft Entra
admin-step-manifest = Manifiesto de la credencial
admin-step-claims = Notificaciones de la credencial
admin-step-community = Comunidad
admin-step-service-key = Clave del servicio
admin-step-license-key = Clave de licencia
admin-step-connection = Conexión
admin-step-relay = Retransmisor de devoluciones de llamada
admin-check-error = { $error }.
admin-check-setting = El ajuste { $field } no es correcto:
admin-check-entra-token = Entra emitió un token de acceso.
admin-hint-entra-credentials = Revise el Id. de inquilino y el Id. de cliente, y que el secreto de cliente siga vigente (los secretos caducan; cree uno nuevo en Certificados y secretos).
admin-check-manifest-issuer = El emisor del manifiesto es { $issuer }, como está configurado.
admin-check-claims-ok = La credencial asigna las { $count } notificaciones que envía el quiosco y no exige ninguna que pueda faltar.
admin-manifest-other-tenant = La URL del manifiesto no pertenece al inquilino de este quiosco ({ $tenant }). Copie la URL del manifiesto de la página de la credencial en Verified ID del mismo inquilino.
admin-manifest-other-type = El manifiesto es del tipo de credencial { $found }, pero el quiosco está configurado con { $configured }. Cambie el tipo de credencial a { $found } o use la URL del manifiesto de la credencial { $configured }.
admin-manifest-unmapped =
    Las reglas de la credencial no asignan { $claims }: la tarjeta no { $count ->
        [one] la llevaría
       *[other] las llevaría
    }. Sustituya la definición de reglas por la que muestra { "enrollment-kiosk --print-credential-definition rules" }.
admin-manifest-requires-sometimes-empty = Las reglas de la credencial exigen { $claim }, que a veces está vacía: esas emisiones fallarían. Ponga { "\"required\"" } en { "false" } en su asignación.
admin-manifest-requires-not-sent = Las reglas de la credencial exigen { $claim }, que el quiosco no envía: esas emisiones fallarían. Ponga { "\"required\"" } en { "false" } en su asignación.
admin-manifest-photo-not-shown = La tarjeta no muestra { $claim } como foto. En la definición de presentación, dé a la notificación { "vc.credentialSubject." }{ $claim } el tipo { $type }.
admin-check-community = Se encontró la comunidad { $community }.
admin-check-community-in-tenant = Se encontró el inquilino { $tenant }, comunidad { $community }.
admin-check-service-key = Se leyó la clave pública de DocuVerify en { $url }.
admin-check-license-accepted = 1Kosmos aceptó la clave de licencia.
admin-check-license-refused = 1Kosmos rechazó la clave de licencia. Vuelva a copiarla de la consola de administración de 1Kosmos y guárdela aquí.
admin-hint-onekosmos-reach = Revise el nombre DNS del inquilino y que este equipo pueda llegar a él.
admin-hint-onekosmos-license = Vuelva a copiar la clave de licencia de la consola de administración de 1Kosmos y guárdela aquí.
admin-hint-onekosmos-not-found = Revise el nombre de la comunidad y los dvcID.
admin-relay-settings-missing = Indique la URL del retransmisor y el nombre de este quiosco en el retransmisor.
admin-relay-url-invalid = La URL del retransmisor no es una URL.
admin-relay-kiosk-name-invalid = No se puede usar el nombre del quiosco en el retransmisor: { $error }.
admin-relay-no-configuration = Este quiosco todavía no tiene configuración.
admin-relay-accepted = El retransmisor aceptó este quiosco ({ $kiosk }). Entra envía las devoluciones de llamada a { $url }.
admin-relay-token-refused = El retransmisor rechazó el token de este quiosco. Genere uno con { "enrollment-relay kiosk-token" } { $kiosk } y guárdelo con { "enrollment-kiosk --store-secret relay-token" }.
admin-hint-relay-reach = Revise la URL del retransmisor y que este equipo pueda llegar a ella.

## Los secretos y el almacén de credenciales

admin-secret-missing =
    { $secret ->
        [entra-client-secret] El secreto de cliente de Entra no está
        [onekosmos-license-key] La clave de licencia de 1Kosmos no está
       *[relay-token] El token del retransmisor no está
    } en el almacén de credenciales. Guarde el valor con { "enrollment-kiosk --store-secret" } { $account } (se lee de la entrada estándar).
admin-secret-from-store = El token del retransmisor se toma del almacén de credenciales.
admin-secret-type-new =
    Escriba { $secret ->
        [entra-client-secret] el secreto de cliente de Entra: el guardado
        [onekosmos-license-key] la clave de licencia de 1Kosmos: la guardada
       *[relay-token] el token del retransmisor: el guardado
    } pertenece a la configuración guardada y solo se usa con ella.
admin-secret-type-first =
    Escriba primero { $secret ->
        [entra-client-secret] el secreto de cliente de Entra
        [onekosmos-license-key] la clave de licencia de 1Kosmos
       *[relay-token] el token del retransmisor
    }.
admin-save-secret-failed =
    No se pudo guardar { $secret ->
        [entra-client-secret] el secreto de cliente de Entra
        [onekosmos-license-key] la clave de licencia de 1Kosmos
       *[relay-token] el token del retransmisor
    }.
admin-store-unavailable = No hay ningún almacén de credenciales disponible en este equipo ({ $detail }). En Linux, ejecute un Secret Service, como GNOME Keyring, en la sesión del quiosco; en Windows, el Administrador de credenciales debe estar disponible para la cuenta del quiosco.
admin-store-locked = El almacén de credenciales está bloqueado. Desbloquéelo (inicie sesión en la cuenta del quiosco) y vuelva a intentarlo.
admin-store-refused =
    El almacén de credenciales rechazó { $secret ->
        [entra-client-secret] el secreto de cliente de Entra
        [onekosmos-license-key] la clave de licencia de 1Kosmos
       *[relay-token] el token del retransmisor
    }: { $detail }.
admin-settings-entra-unusable = No se puede usar la configuración de Entra: { $detail }.
admin-settings-onekosmos-unusable = No se puede usar la configuración de 1Kosmos: { $detail }.

## Guardar la configuración

admin-save-file-failed = No se pudo escribir el archivo de configuración { $path }: { $reason }. Compruebe que la cuenta del quiosco tenga permiso de escritura allí.
admin-save-nothing-saved = No se guardó nada.
admin-saved-title = Configuración guardada
admin-saved-where = Se guardó en { $path }. Los secretos están en el almacén de credenciales del equipo.
admin-saved-restart-note = El quiosco usará la nueva configuración después de reiniciarse.
admin-restart = Reiniciar ahora
admin-back-to-overview = Volver a la administración

## El asistente de configuración

admin-wizard-title = Configuración, paso { $step } de { $steps }: { $title }
admin-wizard-fix-fields =
    { $count ->
        [one] Corrija el campo señalado abajo.
       *[other] Corrija los { $count } campos señalados abajo.
    }
admin-wizard-back = Atrás
admin-wizard-next = Siguiente
admin-wizard-save = Guardar la configuración

admin-step-entra-title = Microsoft Entra Verified ID
admin-field-tenant-id = Id. de inquilino
admin-hint-tenant-id = Centro de administración de Microsoft Entra › Información general › Id. de inquilino
admin-field-client-id = Id. de cliente
admin-hint-client-id = El Id. de aplicación (cliente) del registro de aplicación
admin-field-client-secret = Secreto de cliente
admin-hint-stored-secret = Se guarda en el almacén de credenciales del equipo. Déjelo vacío para conservar el guardado.
admin-field-issuer-did = DID del emisor
admin-hint-issuer-did = Verified ID › Configuración de la organización ({ "did:web:…" })
admin-field-manifest-url = URL del manifiesto
admin-hint-manifest-url = La página de la credencial en Verified ID
admin-field-credential-type = Tipo de credencial
admin-hint-credential-type = Una credencial personalizada (sugerencia de token de identificador) definida con { "enrollment-kiosk --print-credential-definition rules" } y { "display" }; no VerifiedEmployee, cuyas notificaciones fijas no envía el quiosco.
admin-field-client-name = Nombre que se muestra en Authenticator
admin-field-photo-claim = Notificación de la foto (opcional)
admin-hint-photo-claim = Por ejemplo, { "photo" }: la selfie verificada va en la tarjeta, para Face Check. Déjelo vacío si no lleva foto.
admin-field-pin-length = Dígitos del PIN junto al código QR (0 para ninguno)

admin-step-onekosmos-title = Verificación de identidad con 1Kosmos
admin-field-tenant-dns = Nombre DNS del inquilino
admin-hint-tenant-dns = Por ejemplo, { "contoso.1kosmos.net" }, sin { "https://" }
admin-field-community = Comunidad
admin-field-license-key = Clave de licencia
admin-field-journey = Recorrido de verificación
admin-option-journey-kyc-with-selfie = Documento y selfie
admin-option-journey-document-only = Solo el documento
admin-field-dvc-id-kyc-with-selfie = dvcID para documento y selfie
admin-field-dvc-id-document-only = dvcID para solo el documento
admin-field-flow-url = URL del flujo de verificación de identidad
admin-field-dl-verify = Comprobar las licencias de conducir de EE. UU. con el DMV

admin-step-kiosk-title = Este quiosco
admin-field-language = Idioma
admin-hint-language = La pantalla de bienvenida empieza en este idioma y el empleado puede elegir otro allí. Las pantallas del personal y de administración lo usan siempre.
admin-option-language-en = Inglés
admin-option-language-es = Español
admin-option-language-fr-ca = Francés (Canadá)
admin-field-kiosk-mode = Modo del quiosco
admin-option-mode-staffed = Puesto atendido
admin-option-mode-lobby = Vestíbulo (autoservicio)
admin-field-lobby-capture = Fotos en un quiosco de vestíbulo
admin-option-capture-phone = En el teléfono del empleado (puede alcanzar IAL2)
admin-option-capture-kiosk-camera = Con la cámara de este quiosco (solo IAL1)
admin-field-unattested-document = Cuando el personal no puede confirmar un documento (puesto atendido)
admin-option-unattested-continue = Verificar de todos modos con IAL1
admin-option-unattested-end = Terminar la inscripción
admin-field-idle-warning = Segundos de inactividad antes del aviso
admin-field-idle-reset = Segundos de cuenta atrás del aviso
admin-field-max-attempts = Intentos de verificación por inscripción
admin-field-max-reissues = Códigos QR nuevos después de que uno caduque
admin-field-email-domains = Dominios de correo electrónico permitidos (vacío: cualquiera)
admin-hint-email-domains = Sepárelos con comas
admin-field-relay-url = URL del retransmisor de devoluciones de llamada
admin-field-kiosk-id = Nombre de este quiosco en el retransmisor
admin-hint-kiosk-id = Su token: { "enrollment-relay kiosk-token NOMBRE | enrollment-kiosk --store-secret relay-token" }
admin-field-update-endpoint = URL del canal de actualizaciones (opcional)
admin-field-update-pubkey = Clave pública de firma de las actualizaciones

## El problema de un campo: qué está mal

admin-problem-not-guid = «{ $value }» no es un GUID.
admin-problem-not-did = «{ $value }» no es un identificador { "did:web:" } ni { "did:ion:" }.
admin-problem-not-url = «{ $value }» no es una URL.
admin-problem-not-https-url = «{ $value }» no es una URL { "https://" }.
admin-problem-empty = Este ajuste está vacío.
admin-problem-missing = Falta este ajuste.
admin-problem-required = Este ajuste es obligatorio.
admin-problem-not-claim-name = «{ $value }» no es un nombre de notificación.
admin-problem-outside-range = { $value } está fuera del intervalo { $min }–{ $max }.
admin-problem-not-host = «{ $value }» no es un nombre de host.
admin-problem-missing-for-journey = Falta este ajuste para el recorrido elegido.
admin-problem-not-domain = «{ $value }» no es un dominio.
admin-problem-route-pattern = «{ $value }» tiene una ruta que se lee como un patrón (un segmento que empieza por { ":" } o { "*" }, o una llave).
admin-problem-not-kiosk-id = «{ $value }» no es un nombre que el retransmisor acepte.
admin-problem-weak-pin-hash = Sus costes Argon2id (m={ $m }, t={ $t }, p={ $p }) están por debajo del mínimo (m=19456 KiB, t=2, p=1), así que el PIN se adivina fácilmente a partir de una copia del archivo.
admin-problem-not-pin-hash = No es un hash Argon2id utilizable.
admin-problem-face-check-without-photo = Face Check está activado, pero no se indica ninguna notificación de foto.
admin-problem-empty-entry = La lista tiene un elemento vacío.
admin-problem-no-values = «{ $value }» no tiene ningún valor, o tiene uno vacío.
admin-problem-missing-with-endpoint = Falta este ajuste y hay una URL de canal de actualizaciones.
admin-problem-not-language = «{ $value }» no es un idioma que hable el quiosco.
admin-problem-not-whole-number = No es un número entero.
admin-problem-config = La configuración tiene un problema: { $detail }

## El problema de un campo: qué hacer

admin-fix-entra-tenant-id = Copie el Id. de directorio (inquilino) del Centro de administración de Microsoft Entra.
admin-fix-entra-client-id = Copie el Id. de aplicación (cliente) del registro de aplicación.
admin-fix-entra-issuer-did = Copie el identificador descentralizado (DID) de Verified ID › Configuración de la organización.
admin-fix-entra-manifest-url = Copie la URL del manifiesto de la página de la credencial en Verified ID.
admin-fix-entra-credential-type = Indique el tipo de su credencial personalizada, por ejemplo, { "VerifiedEnrollment" }.
admin-fix-photo-claim = Use el nombre de la notificación de la foto que figura en las reglas de la credencial, por ejemplo, { "photo" }.
admin-fix-entra-pin-length = Use de 4 a 16 dígitos, o 0 para no usar PIN.
admin-fix-onekosmos-tenant-dns = Use el nombre DNS del inquilino sin { "https://" }, por ejemplo, { "acme.1kosmos.net" }.
admin-fix-onekosmos-community = Use el nombre de la comunidad que figura en la consola de administración de 1Kosmos, a menudo { "default" }.
admin-fix-onekosmos-dvc-id = Copie el dvcID de este recorrido de la consola de administración de 1Kosmos.
admin-fix-onekosmos-flow-url = Use la URL { "https://" } del flujo de verificación de identidad de 1Kosmos.
admin-fix-seconds = Use de { $min } a { $max } segundos.
admin-fix-attempts = Use de { $min } a { $max } intentos.
admin-fix-reissues = Use de { $min } a { $max }.
admin-fix-email-domains = Escriba los dominios sin @, separados por comas, por ejemplo, { "contoso.com, fabrikam.com" }.
admin-fix-relay-url = Use la URL pública { "https://" } del retransmisor de devoluciones de llamada.
admin-fix-relay-url-required = Entra debe llegar a este quiosco a través de una URL pública { "https://" }: use la URL de su retransmisor de devoluciones de llamada.
admin-fix-plain-path = Use una ruta simple, por ejemplo, { "https://kiosk-relay.contoso.com/api/verified-id/callback" }.
admin-fix-kiosk-id-missing = Dé a este quiosco un nombre para el retransmisor (letras, dígitos, - y _): el nombre para el que se generó su token.
admin-fix-kiosk-id = Use de 1 a 64 letras, dígitos, - o _, empezando por una letra o un dígito.
admin-fix-pin-hash = Defínalo con { "enrollment-kiosk --hash-admin-pin" }; nunca escriba el PIN en el archivo de configuración.
admin-fix-face-check-threshold = Use de { $min } a { $max }; el valor predeterminado de Microsoft es 70.
admin-fix-face-check = Asigne a { "entra.photo_claim" } (o { "verify.photo_claim" }) la notificación de la foto de la tarjeta, o ponga { "verify.face_check = false" }.
admin-fix-verify-credential-types = Enumere tipos de credencial, por ejemplo, { "[\"VerifiedEnrollment\"]" }, u omita el ajuste.
admin-fix-verify-issuers = Enumere DID de emisores, por ejemplo, { "[\"did:web:verifiedid.contoso.com\"]" }, u omita el ajuste.
admin-fix-claim-names = Use nombres de notificación de las reglas de la credencial, por ejemplo, { "given_name" }.
admin-fix-claim-values = Indique para cada notificación los valores que puede tener una tarjeta, por ejemplo, { "assurance_level = [\"IAL2\"]" }.
admin-fix-update-endpoint = Use la URL { "https://" } del canal de actualizaciones.
admin-fix-update-pubkey = Pegue la clave pública que firma las actualizaciones.
admin-fix-language = Elija inglés ({ "en" }), español ({ "es" }) o francés de Canadá ({ "fr-CA" }).
admin-fix-client-secret = Cree un secreto de cliente en Certificados y secretos del registro de aplicación y pegue su valor.
admin-fix-license-key = Pegue la clave de licencia de la consola de administración de 1Kosmos.
admin-fix-whole-number = Escriba un número entero de 0 a { $max }.
admin-fix-config = Corrija el archivo de configuración o guarde aquí esta configuración para reemplazarlo.
