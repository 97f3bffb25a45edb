# Words for the member of staff at the desk: the document check before verification, and the
# result of a work ID someone showed. Always in the kiosk's configured language.

## Confirming the document (staffed desk, kiosk camera)

staff-attest-title = Para el personal: confirme el documento
staff-attest-lead = Confirme solo lo que comprobó en el documento físico. Su confirmación es lo que permite que la credencial Verified ID del empleado indique IAL2.
staff-attest-legend = Tuve { $document ->
        [passport] el pasaporte
        [national_id] la cédula de identidad
       *[other] la licencia de conducir
    } en mis manos y comprobé que:
staff-attest-security-features = Tiene sus elementos de seguridad (holograma, microimpresión, relieves o marcas UV)
staff-attest-not-altered = Nada parece alterado, sustituido ni cubierto con un laminado añadido
staff-attest-portrait = La foto corresponde a la persona que está en este mostrador
staff-code-label = Su código de personal
staff-code-hint = Queda anotado en el registro de auditoría de este quiosco, que cuenta los documentos confirmados con cada código de personal.
staff-attest-confirm = Confirmar y verificar
staff-attest-decline-end = No puedo confirmar: terminar el registro
staff-attest-decline-ial1 = No puedo confirmar: verificar con un nivel más bajo (IAL1)
staff-attest-confirm-all = Confirme las tres comprobaciones o elija "No puedo confirmar".
staff-code-missing = Escriba su código de personal.
staff-code-invalid = El código de personal tiene de { $min } a { $max } letras o dígitos (se permiten - _ .).

## A work ID that did not verify (verify mode): what to do next

staff-next-face-check-again = Pídale a la persona que lo intente de nuevo con buena luz, de frente al teléfono. Si vuelve a fallar, verifique su identidad de otra forma.
card-face-check-missing = La tarjeta se presentó sin resultado de Face Check.
staff-next-no-photo = Intente de nuevo. Si sigue ocurriendo, es posible que la credencial no tenga foto: verifique la identidad de la persona de otra forma.
card-face-check-billing = Face Check no está disponible: su facturación no está configurada en Verified ID.
staff-next-enable-billing = Un administrador debe activar la facturación de Face Check (aka.ms/fcbilling). Mientras tanto, verifique las identidades de otra forma.
card-revoked = El emisor revocó esta tarjeta.
staff-next-revoked = No la acepte. La persona puede registrarse de nuevo para obtener una tarjeta nueva.
card-not-accepted = Este quiosco no acepta esta tarjeta (es de otro tipo o de otro emisor).
staff-next-present-work-id = Pídale a la persona que presente su identificación laboral de Verified ID e intente de nuevo.
staff-next-when-ready = Intente de nuevo cuando la persona esté lista para compartirla.
card-not-verified = No se pudo verificar la tarjeta.
staff-next-other-way = Intente de nuevo. Si vuelve a fallar, verifique la identidad de la persona de otra forma.
