## Enlace: catálogo en español. Cada mensaje debe existir también en en.ftl (una prueba lo comprueba).

app-name = Enlace
app-tagline = Plan de acción regional contra el tráfico ilícito de migrantes
skip-to-content = Ir al contenido
nav-label = Navegación principal
nav-home = Resumen
nav-plan = Plan
nav-countries = Países
nav-protocol = Protocolo
language-label = Idioma
footer-text = Enlace, el seguimiento del plan de trabajo de la Conferencia Regional sobre Migración contra el tráfico ilícito de migrantes.
demo-banner = Datos de demostración: los estados, los hitos y los valores de los indicadores que se muestran son generados, no informados por los países.
loading = Cargando…

error-not-found-title = Página no encontrada
error-not-found-body = No hay nada en esta dirección. Puede que el código esté mal escrito o que el elemento pertenezca a otro plan.
error-internal-title = Algo salió mal
error-internal-body = El servidor no pudo completar esta solicitud. El problema quedó registrado; vuelva a intentarlo en un momento.
error-unavailable-body = No se pudo contactar con el servidor. Revise su conexión y vuelva a intentarlo.
error-database-unavailable-title = No disponible por el momento
error-database-unavailable-body = Enlace no puede acceder a su base de datos en este momento. Vuelva a intentarlo en un minuto; si estaba guardando, compruebe después que su cambio esté allí.
error-unreadable-body = Lo enviado no se pudo leer como este formulario espera (un número fuera de rango, o un campo que falta o está repetido). No se guardó nada. Recargue la página y vuelva a intentarlo.
error-too-large-body = Lo enviado es más grande de lo que Enlace acepta ({ $limit } MB como máximo). No se guardó nada. Acorte el texto y vuelva a intentarlo.
error-back-home = Volver al resumen

home-title = Resumen
home-intro = Enlace da seguimiento al plan de trabajo regional de la Conferencia Regional sobre Migración contra el tráfico ilícito de migrantes: en qué punto está cada acción en cada país y cómo cumplen los países el Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire.
home-plan-heading = Plan vigente
home-figures-heading = El plan en cifras
figure-themes = { $count ->
    [one] eje temático
   *[other] ejes temáticos
}
figure-actions = { $count ->
    [one] acción
   *[other] acciones
}
figure-milestones = { $count ->
    [one] hito
   *[other] hitos
}
figure-members = { $count ->
    [one] país miembro
   *[other] países miembros
}
figure-observers = { $count ->
    [one] observador
   *[other] observadores
}
figure-indicators = { $count ->
    [one] indicador del Protocolo
   *[other] indicadores del Protocolo
}
home-no-plan = Todavía no se ha cargado ningún plan. La secretaría lo carga con `enlace load-plan`.

plan-period = { $start }–{ $end }
plan-state-draft = Borrador
plan-state-approved = Aprobado
plan-state-closed = Cerrado
plan-state-label = Estado
plan-period-label = Período
plan-themes-heading = Ejes temáticos y acciones
theme-heading = Eje temático { $code }
theme-actions-heading = Acciones de este eje
theme-actions-too-many = Las { $actions } acciones del eje son demasiadas para dibujar cada una en cada país aquí.
theme-actions-in-the-matrix = Véalas en la matriz, una página a la vez.
objective-heading = Objetivo { $code }
action-heading = Acción { $code }
action-count = { $count ->
    [one] { $count } acción
   *[other] { $count } acciones
}
milestone-count = { $count ->
    [one] { $count } hito
   *[other] { $count } hitos
}
milestones-achieved = { $achieved } de { $total }
no-milestones = No hay hitos definidos.
no-actions = Este eje todavía no tiene acciones.

action-theme-label = Eje temático
action-lead-label = Responsable
action-years-label = Años
action-weight-label = Peso
action-articles-heading = Artículos del Protocolo
action-milestones-heading = Hitos
action-countries-heading = Estado por país
action-description-heading = Descripción

col-code = Código
col-action = Acción
col-title = Título
col-country = País
col-status = Estado
col-milestones = Hitos alcanzados
col-updated = Última actualización
col-due = Fecha límite
col-weight = Peso
col-membership = Condición
col-provision = Disposición
col-indicator = Indicador
col-kind = Tipo
col-direction = Dirección deseada
not-updated = Aún sin informar

status-not-started = No iniciada
status-in-progress = En curso
status-completed = Completada
status-suspended = Suspendida
status-cancelled = Cancelada
status-not-applicable = No aplica

membership-member = Miembro
membership-observer = Observador

countries-title = Países
countries-intro = Los países miembros informan sobre cada acción del plan; los observadores siguen el trabajo de la Conferencia.
countries-members-heading = Países miembros
countries-observers-heading = Observadores
country-actions-heading = Acciones del plan en { $country }
country-observer-note = { $country } es observador de la Conferencia y no informa sobre las acciones del plan.

protocol-title = Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire
protocol-intro = Los artículos del Protocolo y los indicadores que miden el cumplimiento de cada país.
article-heading = Artículo { $number }
chapter-label = Capítulo { $chapter }
protocol-indicators-count = { $count ->
    [0] Sin indicadores
    [one] { $count } indicador
   *[other] { $count } indicadores
}
assessable-shall = Obligación imperativa
assessable-partly = Parcialmente imperativa
assessable-consider = Medidas a considerar
assessable-with-art-6 = Se evalúa con el artículo 6
assessable-safeguard = Cláusula de salvaguardia
assessable-status = Situación del tratado
assessable-no = No se evalúa
kind-yes-no = Sí / no
kind-count = Recuento anual
kind-percentage = Porcentaje
kind-number = Número
kind-scale-0-4 = Escala 0–4
direction-higher = Cuanto más, mejor
direction-lower = Cuanto menos, mejor

month-1 = ene
month-2 = feb
month-3 = mar
month-4 = abr
month-5 = may
month-6 = jun
month-7 = jul
month-8 = ago
month-9 = sept
month-10 = oct
month-11 = nov
month-12 = dic
date-format = { $day } { $month } { $year }
month-format = { $month } { $year }

nav-users = Usuarios
nav-audit = Registro de auditoría
nav-account = Su cuenta
sign-out = Cerrar sesión
save = Guardar

error-unauthenticated-title = Debe iniciar sesión
error-unauthenticated-body = Su sesión ha terminado. Inicie sesión de nuevo.
error-forbidden-title = No permitido
error-forbidden-body = Su cuenta no permite esta operación. Si la necesita, pídala a la secretaría.
error-sign-in-title = No se pudo iniciar sesión
error-invalid-credentials = El correo o la contraseña no son correctos.
error-too-many-attempts = Demasiados intentos fallidos. Por su seguridad, espere { $minutes ->
    [one] un minuto
   *[other] { $minutes } minutos
} y vuelva a intentarlo.
error-invalid-title = Revise lo que ha escrito
error-cross-site = Esta solicitud vino de otro sitio y fue rechazada. Vuelva a Enlace e inténtelo desde allí.

role-focal-point = Punto focal de país
role-reviewer = Revisor
role-secretariat = Secretaría

field-email = Correo electrónico
field-password = Contraseña
field-name = Nombre
field-role = Rol
field-country = País
field-country-focal = País (solo puntos focales)
field-language = Idioma
field-current-password = Contraseña actual
field-new-password = Contraseña nueva
field-confirm-password = Contraseña nueva, otra vez

problem-email-invalid = Escriba una dirección de correo como nombre@ejemplo.org.
problem-email-too-long = La dirección de correo puede tener como máximo { $limit } caracteres.
problem-email-taken = Otro usuario ya tiene esta dirección de correo.
problem-name-empty = Escriba un nombre.
problem-name-too-long = El nombre puede tener como máximo { $limit } caracteres.
problem-name-control = El nombre contiene caracteres que no se pueden mostrar.
problem-password-too-short = La contraseña debe tener al menos { $limit } caracteres.
problem-password-too-long = La contraseña puede tener como máximo { $limit } caracteres.
problem-password-weak = Esta contraseña es demasiado fácil de adivinar. Use una frase más larga de palabras sin relación entre sí; evite nombres, fechas, secuencias del teclado y su dirección de correo.
problem-password-demo = Esta es la contraseña publicada de las cuentas de demostración: elija otra.
problem-password-mismatch = Las dos contraseñas nuevas no coinciden.
problem-password-unchanged = La contraseña nueva debe ser distinta de la actual.
problem-current-password-wrong = La contraseña actual no es correcta.
problem-country-required = Un punto focal necesita un país miembro.
problem-country-unknown = No existe ese país.
problem-role-invalid = Elija uno de los roles.
problem-language-invalid = Elija inglés o español.
problem-cannot-deactivate-self = No puede desactivar su propia cuenta.
problem-date-invalid = Escriba la fecha como año-mes-día.

sign-in-title = Iniciar sesión
sign-in-intro = Enlace es para los puntos focales de los países miembros, los revisores y la secretaría de la Conferencia Regional sobre Migración.
sign-in-submit = Iniciar sesión

account-title = Su cuenta
account-must-change = Inició sesión con una contraseña de un solo uso. Elija su propia contraseña para continuar.
account-password-heading = Cambiar su contraseña
account-password-rules = Al menos 12 caracteres; una frase de varias palabras es fácil de recordar y difícil de adivinar.
account-password-submit = Cambiar contraseña
account-password-saved = Su contraseña ha cambiado. Se cerraron sus otras sesiones.
account-language-heading = Idioma
account-language-saved = Su idioma ha quedado guardado.

users-title = Usuarios
users-intro = Quién puede iniciar sesión en Enlace, con qué rol y para qué país.
users-table-caption = Todos los usuarios
users-col-state = Estado
users-col-actions = Acciones
users-state-active = Activo
users-state-inactive = Desactivado
users-state-must-change = Activo, debe cambiar la contraseña
users-deactivate = Desactivar
users-reactivate = Reactivar
users-one-time-password = Contraseña de un solo uso
users-one-time-password-help = El usuario debe cambiarla en su primer inicio de sesión. Entréguesela por otro medio.
users-set-password = Fijar
users-new-heading = Nuevo usuario
users-no-country = Ninguno
users-create = Crear usuario

audit-title = Registro de auditoría
audit-intro = Cada cambio hecho en Enlace, por quién y cuándo, con los valores anteriores y posteriores. Las entradas no se pueden modificar ni borrar.
audit-filter-user = Usuario
audit-filter-entity = Tipo de registro
audit-filter-from = Desde
audit-filter-to = Hasta
audit-filter-submit = Filtrar
audit-any = Cualquiera
audit-summary = { $total ->
    [one] 1 entrada
   *[other] { $total } entradas
}, página { $page } de { $pages }
audit-table-caption = Cambios, del más reciente al más antiguo
audit-col-when = Cuándo (UTC)
audit-col-who = Quién
audit-col-what = Qué
audit-col-change = Valores
audit-show-values = Antes y después
audit-before = Antes
audit-after = Después
audit-system = Enlace
audit-pages = Páginas del registro de auditoría
audit-previous = Entradas más recientes
audit-next = Entradas más antiguas

schedule-on-track = En buen camino
schedule-needs-acceleration = Requiere aceleración
schedule-off-track = Rezagado

error-conflict-title = Otra persona guardó primero
error-conflict-body = { $who } guardó este registro el { $when } UTC, después de que usted lo abriera, y cambió: { $fields }. Sus cambios no se guardaron y no se sobrescribió nada. Vuelva a cargar la página para ver los valores actuales y haga sus cambios de nuevo.
conflict-someone = Otro usuario
field-status = Estado
field-narrative = Narrativa
field-milestones = Hitos
field-evidence = Evidencias

problem-status-invalid = Elija uno de los estados.
problem-narrative-too-long = La narrativa puede tener como máximo { $limit } caracteres.
problem-narrative-control = La narrativa contiene caracteres que no se pueden mostrar.
problem-comment-too-long = El comentario puede tener como máximo { $limit } caracteres.
problem-note-too-long = Una nota de hito puede tener como máximo { $limit } caracteres.
problem-note-control = Una nota de hito es una sola línea, sin caracteres que no se puedan mostrar.
problem-milestone-other-action = Un hito del formulario pertenece a otra acción.
problem-milestone-repeated = Un hito aparece dos veces en el formulario.
problem-achieved-before-plan = La fecha en que se alcanzó un hito no puede ser anterior al inicio del plan, en { $limit }.
problem-achieved-in-future = La fecha en que se alcanzó un hito no puede estar en el futuro.

status-delayed = Retrasada
update-saved = Guardado. El historial muestra el cambio.
update-progress = Avance
update-progress-none = No se cuenta (cancelada o no aplicable)
update-updated-by = { $date }, por { $who }
update-no-narrative = Todavía no hay narrativa.
update-achieved-on = Alcanzado el
update-not-achieved = Todavía no
update-heading = Actualizar esta acción
update-narrative-en = Narrativa en inglés
update-narrative-es = Narrativa en español
update-milestones-legend = Hitos alcanzados (deje la fecha vacía si todavía no)
update-milestone-note = Nota
update-comment = Comentario sobre este cambio (opcional)
update-history-heading = Historial
update-history-empty = Todavía no hay cambios registrados.
history-status = el estado cambió de { $before } a { $after }
history-milestone-achieved = hito «{ $milestone }» alcanzado el { $date }
history-milestone-open = hito «{ $milestone }» marcado como no alcanzado
history-narrative = narrativa actualizada
percent = { $percent } %

nav-matrix = Matriz
matrix-title = Matriz comparativa
matrix-intro = La situación de cada acción del plan en cada país, tal como la informan los países. Abra una celda para ver los hitos, la narrativa y el historial del país.
matrix-all-themes = Todos los ejes
matrix-group = Países
matrix-caption = { $actions ->
    [one] 1 acción
   *[other] { $actions } acciones
} × { $countries ->
    [one] 1 país
   *[other] { $countries } países
}
matrix-unknown-theme = El plan no tiene un eje con el código de la dirección; se muestran todos los ejes.
matrix-unknown-group = La dirección no nombra un grupo de países conocido; se muestran los países miembros.

update-comments-heading = Comentarios
update-comments-empty = Todavía no hay comentarios.
update-comment-body = Su comentario para el país
update-comment-submit = Añadir comentario
problem-comment-empty = Escriba un comentario.
problem-comment-control = El comentario contiene caracteres que no se pueden mostrar.

update-no-evidence = Todavía no hay evidencias enlazadas.
update-evidence-legend = Evidencias: enlaces a documentos públicos (deje una fila vacía para no añadir ninguno)
update-evidence-title = Título
update-evidence-url = Dirección
history-evidence = enlaces de evidencia actualizados
problem-evidence-url = Un enlace de evidencia debe ser una dirección web que empiece por http:// o https://.
problem-evidence-title = Dé un título a cada enlace de evidencia.
problem-evidence-title-long = El título de una evidencia puede tener como máximo { $limit } caracteres, todos visibles.
problem-evidence-too-many = Una actualización puede tener como máximo { $limit } enlaces de evidencia.

attachments-heading = Archivos adjuntos
attachments-empty = Todavía no hay archivos adjuntos.
attachment-file = Archivo
attachment-rules = PDF, imágenes (PNG, JPEG, GIF, WebP) o archivos de Office y OpenDocument, de hasta 10 MB cada uno, como máximo 20 archivos y 100 MB por actualización. Cualquier usuario con sesión puede descargarlos.
attachment-submit = Adjuntar archivo
attachment-saved = El archivo quedó adjunto.
attachment-size = { $kilobytes } KB
problem-file-missing = Elija un archivo para adjuntar.
problem-file-too-large = El archivo supera los { $limit } MB.
problem-file-type = El archivo no es un PDF, una imagen ni un archivo de Office u OpenDocument (se comprobó su contenido, no su nombre).
problem-file-name = El archivo necesita un nombre.
problem-file-unreadable = No se pudo recibir el archivo. Inténtelo de nuevo.
problem-attachments-too-many = Una actualización puede tener como máximo { $limit } archivos adjuntos: este no se añadió.
problem-attachments-too-large = Los archivos adjuntos a una actualización pueden ocupar como máximo { $limit } MB en total.

## Indicadores, valores y tablero por artículo
nav-scorecard = Tablero
nav-rounds = Rondas de informe
nav-outbox = Bandeja de salida
answer-yes = Sí
answer-no = No
percent-value = { $value } %
col-article = Artículo
col-assessment = Valoración
col-baseline = Línea de base
col-basis = Fundamento
col-target = Meta
col-trend = Tendencia
col-year = Año
col-state = Envío
col-submitted = Enviado
col-validated = Validado
col-opens = Apertura
col-round = Ronda
col-timeliness = Respecto del plazo
col-reminders = Recordatorios
basis-protocol-text = Obligación tal como la redacta el Protocolo
basis-composed = Medida elaborada para el plan
scale-level-0 = Ninguno
scale-level-1 = Previsto o en borrador
scale-level-2 = Adoptado formalmente
scale-level-3 = En funcionamiento
scale-level-4 = En funcionamiento y con seguimiento
scale-levels-heading = Niveles de la escala
trend-improving = Mejora
trend-steady = Sin cambio
trend-worsening = Empeora
indicator-retired = Retirado
indicator-retired-notice = Este indicador está retirado: los países ya no lo informan. Sus valores se conservan.
indicator-countries-heading = Los países lado a lado
indicator-new-heading = Añadir un indicador
indicator-create = Añadir indicador
indicator-edit-heading = Editar este indicador
indicator-name-en = Nombre en inglés
indicator-name-es = Nombre en español
indicator-retire = Retirar indicador
indicator-retire-help = Un indicador retirado ya no se informa; sus valores y su historial se conservan.
indicator-reinstate = Restablecer indicador
indicator-reinstate-help = Los países volverán a informar este indicador.
targets-heading = Línea de base y meta
targets-set-help = La línea de base y la meta que usted fija son las que usa la valoración.
targets-propose-help = Proponga la línea de base y la meta de su país; la secretaría las confirma.
target-baseline-year = Año de la línea de base
target-baseline-value = Valor de la línea de base
target-target-year = Año de la meta
target-target-value = Valor de la meta
target-set = Fijar línea de base y meta
target-propose = Proponer línea de base y meta
target-proposed = propuesta por el país
scorecard-title = Tablero por artículo del Protocolo
scorecard-intro = Para cada país, en su último año con valores validados: la proporción de los indicadores sí/no de cada artículo que se cumplen, y el nivel medio de sus indicadores de escala 0–4 como proporción del nivel máximo.
scorecard-link = Ver el tablero por artículo
scorecard-no-data = Aún sin valores validados
scorecard-yes-no = { $percent } cumplido
scorecard-scale = escala { $percent }
country-indicators-title = Indicadores del Protocolo: { $country }
notice-round-unknown = No hay ronda de informe para ese año; se muestra la ronda más reciente.
notice-no-rounds = Aún no se ha abierto ninguna ronda de informe: los valores podrán ingresarse cuando la secretaría abra una.
rounds-label = Rondas de informe
round-name = Ronda { $year }
values-heading = Valores por año
values-validated-only = Solo los valores validados cuentan en las valoraciones y el tablero. Los valores aún no validados están marcados y solo los ven el país y la secretaría.
values-entry-heading = Valores de { $year }
values-entry-help = Deje vacío un indicador si no lo informa. Cada valor necesita su fuente. Los porcentajes se ingresan como numerador y denominador.
values-save = Guardar valores
values-saved = Los valores están guardados.
value-numerator = Numerador
value-denominator = Denominador
value-source = Fuente
value-note = Nota (opcional)
value-not-reported = No informado
submission-heading = Envío de { $year }
submission-not-started = Sin iniciar
submission-draft = Borrador
submission-submitted = Enviado
submission-returned = Devuelto
submission-validated = Validado
submission-submit = Enviar para validación
submission-submit-help = Al enviar, sus valores y los estados de las acciones de este año pasan a la secretaría; no podrá cambiarlos salvo que se los devuelva.
submission-validate = Validar
submission-return = Devolver al país
submission-return-reason = Por qué se devuelve al país
submission-reopen = Reabrir
submission-reopen-reason = Por qué se reabre
submission-returned-because = La secretaría devolvió este envío:
field-indicator-values = valores de los indicadores
field-submission-state = envío
problem-value-missing = Ingrese el valor, o borre su fuente y su nota.
problem-yes-no-invalid = Elija sí o no.
problem-count-invalid = El valor debe ser un número entero, 0 o mayor.
problem-number-invalid = El valor debe ser un número, 0 o mayor (por ejemplo 12,5).
problem-scale-invalid = El valor debe ser un nivel de la escala, de 0 a 4.
problem-percentage-invalid = El valor debe ser un porcentaje de 0 a 100.
problem-numerator-invalid = El numerador debe ser un número entero, 0 o mayor.
problem-denominator-invalid = El denominador debe ser un número entero mayor que 0.
problem-numerator-above-denominator = El numerador no puede ser mayor que el denominador.
problem-source-required = Indique la fuente del valor.
problem-source-too-long = La fuente puede tener como máximo { $limit } caracteres.
problem-value-note-too-long = La nota puede tener como máximo { $limit } caracteres.
problem-number-too-large = Un número puede tener como máximo { $limit } cifras antes del separador decimal.
problem-source-control = La fuente es una sola línea, sin caracteres que no se puedan mostrar.
problem-value-note-control = La nota contiene caracteres que no se pueden mostrar.
problem-indicator-unknown = No existe ese indicador.
problem-indicator-repeated = El indicador aparece dos veces en el formulario.
problem-indicator-retired = El indicador está retirado y no admite valores nuevos.
problem-year-invalid = Ingrese el año con cuatro cifras.
problem-year-outside-plan = El año debe ser uno de los años del plan.
problem-no-round = No hay ronda de informe para este año.
problem-submission-locked = Este envío está enviado o validado: sus valores no pueden cambiar salvo que la secretaría lo devuelva o lo reabra.
problem-submit-not-allowed = Solo se puede enviar un borrador o un envío devuelto. Guarde antes al menos un valor.
problem-return-not-allowed = Solo se puede devolver un envío enviado.
problem-validate-not-allowed = Solo se puede validar un envío enviado.
problem-reopen-not-allowed = Solo se puede reabrir un envío validado.
problem-reason-required = Indique el motivo; el país lo verá.
problem-reason-too-long = El motivo puede tener como máximo { $limit } caracteres.
problem-reason-control = El motivo contiene caracteres que no se pueden mostrar.
problem-step-unknown = Este paso no existe.
problem-baseline-year = El año de la línea de base debe estar entre 2000 y el último año del plan.
problem-target-year = El año de la meta debe ser uno de los años del plan, posterior al de la línea de base.
problem-target-confirmed = La secretaría fijó esta línea de base y esta meta; pídale que las cambie.
problem-article-unknown = Elija uno de los artículos del Protocolo.
problem-provision = Ingrese la disposición, en { $limit } caracteres como máximo.
problem-indicator-name-en = Ingrese el nombre en inglés, en { $limit } caracteres como máximo.
problem-indicator-name-es = Ingrese el nombre en español, en { $limit } caracteres como máximo.
problem-kind-invalid = Elija uno de los tipos.
problem-direction-invalid = Elija la dirección deseada.
problem-basis-invalid = Elija el fundamento del indicador.
problem-indicator-code = El código tiene de 2 a { $limit } letras, cifras, puntos o guiones, y al menos una letra o una cifra.
problem-indicator-code-taken = Otro indicador ya tiene este código.
problem-kind-has-values = Los países informaron valores de este indicador: su tipo no puede cambiar.
problem-statuses-locked = El envío del país para este año está validado: los estados de sus acciones no pueden cambiar salvo que la secretaría lo reabra.

## Rondas de informe y recordatorios
rounds-title = Rondas de informe
rounds-intro = Cada año, cada país miembro informa los valores de sus indicadores y confirma los estados de sus acciones; la secretaría valida cada envío o lo devuelve con un motivo.
rounds-empty = Aún no se ha abierto ninguna ronda de informe.
round-open-heading = Abrir una ronda de informe
round-edit-heading = Corregir la ronda
round-update = Guardar la ronda
round-updated = Se guardaron las fechas y los días de recordatorio de la ronda.
round-delete = Eliminar esta ronda
round-delete-help = Ningún país ha empezado su envío y no ha salido ningún recordatorio: una ronda abierta por error todavía se puede eliminar.
round-deleted = Se eliminó la ronda de { $year }.
round-open = Abrir ronda
round-year-hint = Un año del plan, de { $start } a { $end }.
round-remind-before = Recordar a los países atrasados estos días antes del plazo (separados por comas)
round-remind-after = …y estos días después
round-reminders = Recordatorios automáticos
round-reminder-rules = días antes: { $before }; días después: { $after }
problem-round-exists = Ya hay una ronda para este año.
problem-round-in-use = Un país ya empezó su envío en esta ronda, o ya salió un recordatorio: la ronda no se puede eliminar. Corrija sus fechas en su lugar.
problem-due-before-opening = El plazo no puede ser anterior a la fecha de apertura.
problem-round-date-outside-plan = Las fechas de una ronda caen dentro de los años del plan, o en el año anterior o el siguiente.
problem-reminder-days = Los días de recordatorio son números enteros de 0 a { $limit }, separados por comas.
problem-reminder-too-many = Como máximo { $limit } días de recordatorio a cada lado del plazo.
tracker-label = Envíos por país
timeliness-pending = { $days ->
    [0] vence hoy
    [one] vence en 1 día
   *[other] vence en { $days } días
}
timeliness-overdue = { $days ->
    [one] 1 día de atraso
   *[other] { $days } días de atraso
}
timeliness-on-time = enviado a tiempo
timeliness-late = { $days ->
    [one] enviado con 1 día de atraso
   *[other] enviado con { $days } días de atraso
}
reminder-send = Recordar
reminder-sent = El recordatorio va en camino a los puntos focales del país.
reminder-delivery-smtp = Los recordatorios se envían por correo a los puntos focales del país.
reminder-delivery-outbox = No hay servidor de correo configurado: los recordatorios esperan en la bandeja de salida para que usted los reenvíe.
reminder-log-heading = Recordatorios enviados
reminder-log-empty = No se ha enviado ningún recordatorio en esta ronda.
reminder-automatic = automático ({ $rule })
reminder-outcome-sent = enviado
reminder-outcome-queued = en la bandeja de salida
reminder-outcome-failed = no se pudo enviar
reminder-outcome-no-recipients = no enviado: el país no tiene punto focal activo
reminder-outcome-superseded = reemplazado
reminder-outcome-sending = enviándose
problem-nothing-to-remind = Este país ya envió su informe: no hay nada que recordarle.
reminder-subject = Enlace: { $country }, ronda de informe { $year }
reminder-body = La ronda de informe { $year } del plan regional contra el tráfico ilícito de migrantes espera el envío de { $country } (ahora: { $state }). { $when } Ingrese en Enlace, registre los valores de los indicadores del Protocolo, confirme los estados de las acciones y envíelos.
reminder-due = { $days ->
    [0] Vence hoy, { $date }.
    [one] Vence mañana, { $date }.
   *[other] Vence en { $days } días, el { $date }.
}
reminder-overdue = { $days ->
    [one] Venció el { $date }, hace 1 día.
   *[other] Venció el { $date }, hace { $days } días.
}
outbox-title = Bandeja de salida
outbox-intro = Recordatorios y resúmenes mensuales en espera de reenvío, porque no hay servidor de correo configurado. Copie cada uno a sus destinatarios.
outbox-empty = La bandeja de salida está vacía.
outbox-to = para

## Tableros
dashboard-heading = Dónde está el plan al { $date }
dashboard-regional = Avance regional: { $actual } logrado frente a { $expected } esperado a la fecha ({ $status }).
dashboard-filters = Filtros del tablero
dashboard-as-of = A la fecha
dashboard-group = Países
dashboard-group-members = Países miembros
dashboard-group-observers = Países observadores
dashboard-plan = Plan
dashboard-theme = Tema
dashboard-all-themes = Todos los temas
dashboard-apply = Mostrar
notice-as-of-outside-plan = La fecha de la dirección está fuera del período del plan; se muestra la fecha del plan más cercana.
notice-as-of-invalid = No se pudo leer la fecha de la dirección; se muestra la de hoy.
notice-group-unknown = La dirección no nombra un grupo de países conocido; se muestran los países miembros.
notice-theme-unknown = El plan no tiene un tema con el código de la dirección; se muestran todos los temas.
notice-plan-unknown = Ningún plan tiene el código de la dirección; se muestra el plan vigente.
chart-numbers = Las cifras
chart-no-data = sin datos
chart-actual = Logrado
chart-expected = Esperado
chart-schedule = Respecto del calendario
chart-delayed-count = { $count ->
    [one] 1 retrasada
   *[other] { $count } retrasadas
}
chart-themes-title = Avance por tema
chart-themes-desc = Para cada tema, la media entre los países de la proporción de hitos logrados al { $date }, con una marca en la proporción esperada a esa fecha; el color y las palabras dicen si va según lo previsto.
chart-countries-title = Avance por país
chart-countries-desc = Para cada país, la proporción de los hitos de sus acciones lograda al { $date }, de mayor a menor, con una marca en la proporción esperada a esa fecha.
chart-heatmap-title = Países y temas
chart-heatmap-desc = El avance de cada país en cada tema al { $date }; más oscuro es más avanzado.
chart-statuses-title = Estados por tema
chart-statuses-desc = Cuántas acciones de los países en cada tema están en cada estado al { $date }, y cuántas de ellas están retrasadas.
chart-day = Día
chart-trajectory-title = Avance en el tiempo
chart-trajectory-desc = El avance regional al final de cada mes desde el inicio del plan, hasta el { $date }: la proporción de hitos logrados (línea continua) frente a la esperada a cada fecha (línea discontinua).
chart-count = Cantidad
chart-scorecard-title = Tablero por artículo del Protocolo
chart-scorecard-desc = Para cada país, en su último año con valores validados: la proporción de los indicadores sí/no de cada artículo del Protocolo que se cumplen, o, para un artículo medido solo en la escala 0–4, su nivel medio como proporción del nivel máximo.
chart-round-title = Envíos de la ronda { $year }
chart-round-desc = Cuántos envíos de los países miembros están en cada estado en la ronda de informe { $year }.
chart-country-themes-title = { $country }: avance por tema
chart-country-themes-desc = Para cada tema, la proporción de los hitos de { $country } lograda al { $date }, con una marca en la proporción esperada a esa fecha; el color y las palabras dicen si va según lo previsto.
chart-country-trajectory-title = { $country }: avance en el tiempo
chart-country-trajectory-desc = El avance de { $country } al final de cada mes desde el inicio del plan, hasta el { $date }: la proporción de sus hitos logrados (línea continua) frente a la esperada a cada fecha (línea discontinua).
chart-indicator-trends-title = { $country }: indicadores frente a sus metas
chart-indicator-trends-desc = Para cada indicador con una línea de base y una meta fijadas por la secretaría, los valores de { $country } validados al { $date } (línea continua desde la línea de base), su tendencia proyectada al año de la meta (línea discontinua, del color de la evaluación), la línea de base (punteada) y la meta (discontinua).
chart-projection = Proyección
chart-latest = Último valor validado
chart-projected = Proyectado al año de la meta
chart-value-in-year = { $value } en { $year }
country-dashboard-delayed = Acciones retrasadas
country-dashboard-none-delayed = Ninguna acción está retrasada.
country-dashboard-due = Hitos que vencen en los próximos { $days } días
country-dashboard-none-due = Ningún hito vence en ese plazo.
country-dashboard-progress = { $actual } logrado, { $expected } esperado
chart-theme-countries-title = { $theme }: avance por país
chart-theme-countries-desc = Para cada país miembro, la proporción de los hitos del tema lograda al { $date }, de mayor a menor, con una marca en la proporción esperada a esa fecha.
chart-theme-actions-title = { $theme }: cada acción en cada país
chart-theme-actions-desc = El avance de cada acción del tema en cada país miembro al { $date }; un guion donde la acción está cancelada o no aplica.

## The annual report
report-col-achieved-on = Alcanzado el
report-summary-progress = Al { $date }, los países miembros habían logrado en promedio el { $actual } de los hitos del plan, frente al { $expected } esperado a esa fecha. { $status ->
    [on_track] El plan va según lo previsto.
    [needs_acceleration] El plan requiere aceleración.
   *[off_track] El plan va retrasado.
}
report-summary-year = Durante { $year } se { $achieved ->
    [one] logró un hito
   *[other] lograron { $achieved } hitos
}, frente a { $due ->
    [one] uno que vencía
   *[other] { $due } que vencían
} en el año ({ $share }).
report-summary-year-none-due = Durante { $year } se { $achieved ->
    [one] logró un hito
   *[other] lograron { $achieved } hitos
}; ninguno vencía en el año.
report-themes-on-track = { $count ->
    [one] Un tema va según lo previsto: { $list }.
   *[other] { $count } temas van según lo previsto: { $list }.
}
report-themes-none-on-track = Ningún tema va todavía según lo previsto.
report-themes-needing-acceleration = { $count ->
    [one] Un tema requiere aceleración: { $list }.
   *[other] { $count } temas requieren aceleración: { $list }.
}
report-themes-off-track = { $count ->
    [one] Un tema va retrasado: { $list }.
   *[other] { $count } temas van retrasados: { $list }.
}
report-most-completed = { $list } { $countries ->
    [one] completó
   *[other] completaron
} el mayor número de acciones en { $year } ({ $count ->
    [one] una acción
   *[other] { $count } acciones
}{ $countries ->
    [one] {""}
   *[other] {" cada uno"}
}).
report-none-completed = Ninguna acción se completó en { $year }.
report-became-delayed = { $count ->
    [0] Ninguna acción se retrasó durante el año.
    [one] Una acción se retrasó durante el año.
   *[other] { $count } acciones se retrasaron durante el año.
}
report-indicator-of = { $code } ({ $country })
report-into-compliance = { $count ->
    [0] Ningún indicador pasó a cumplir su meta.
    [one] Un indicador pasó a cumplir su meta: { $list }.
   *[other] { $count } indicadores pasaron a cumplir sus metas: { $list }.
}
report-out-of-compliance = { $count ->
    [0] Ninguno dejó de cumplirla.
    [one] Uno dejó de cumplirla: { $list }.
   *[other] { $count } dejaron de cumplirlas: { $list }.
}
report-timeliness = En la ronda { $year }, { $on_time ->
    [0] ningún país envió
    [one] un país envió
   *[other] { $on_time } países enviaron
} a tiempo, { $late ->
    [0] ninguno
    [one] uno
   *[other] { $late }
} con retraso y { $missing ->
    [0] ninguno falta por enviar
    [one] uno no ha enviado
   *[other] { $missing } no han enviado
}.
report-country-progress = Había logrado el { $actual } de sus hitos, frente al { $expected } esperado; { $status ->
    [on_track] va según lo previsto.
    [needs_acceleration] requiere aceleración.
   *[off_track] va retrasado.
}
report-country-no-progress = Ninguna de sus acciones cuenta para el avance.
report-country-year = En { $year } { $achieved ->
    [0] no alcanzó ningún hito
    [one] alcanzó un hito
   *[other] alcanzó { $achieved } hitos
} y { $completed ->
    [0] no completó ninguna acción
    [one] completó una acción
   *[other] completó { $completed } acciones
}; { $delayed ->
    [0] ninguna acción está retrasada.
    [one] una acción está retrasada.
   *[other] { $delayed } acciones están retrasadas.
}
problem-report-no-round = No hay una ronda de informe para ese año: elija el año de una ronda.
nav-reports = Informe anual
reports-title = Informe anual de seguimiento
reports-intro = El informe a la Conferencia Regional sobre el avance del plan en un año: elija el año de una ronda de informe y el idioma del informe, léalo aquí y descárguelo.
reports-choose = Elegir el informe
reports-language = Idioma del informe
reports-show = Mostrar
reports-no-rounds = Todavía no hay rondas de informe: el informe cubre el año de una ronda.
reports-generate-xlsx = Anexo de datos (Excel)
reports-none = Ninguno.
notice-report-language = El informe se escribe en español o en inglés; se muestra en el idioma de la página.
notice-report-year = El año de la dirección no tiene ronda de informe; se muestra el informe de la última ronda.
report-title = Informe anual de seguimiento
report-heading = Informe anual de seguimiento { $year }
report-data-as-of = Cifras al { $date }
report-executive-summary = Resumen ejecutivo
report-regional-progress = Avance regional
report-what-changed = Qué cambió en { $year }
report-change = Cambio
report-change-completed = Acciones completadas
report-change-became-delayed = Acciones que se retrasaron
report-by-country = País por país
report-milestones-achieved = Hitos logrados en el año
report-indicators = Indicadores del Protocolo
report-value-in = Valor en { $year }
report-timeliness-heading = Envíos de la ronda { $year }
report-due-on = Los envíos vencían el { $date }.
report-on-time = A tiempo
report-late = Con retraso
report-missing = Sin enviar
report-methods = Métodos
report-method-action = El avance de una acción en un país es el peso de sus hitos logrados dividido por el peso de todos sus hitos. Una acción sin hitos cuenta 0 si no ha comenzado, 0,5 si está en curso o suspendida y 1 si está completada; una acción completada cuenta siempre 1. Las acciones canceladas o que no aplican quedan fuera de todas las medias.
report-method-expected = El avance esperado a una fecha es el peso de los hitos que vencen en esa fecha o antes dividido por el peso de todos ellos.
report-method-means = El avance de un país en un tema es la media del avance de sus acciones, ponderada por el peso de las acciones; su avance global es la media ponderada de todas sus acciones aplicables. El avance regional, por tema y global, es la media entre los países miembros.
report-method-schedule = El estado respecto del calendario compara el avance logrado con el esperado: al menos el 95 % de lo esperado va según lo previsto, al menos el 60 % requiere aceleración, menos va retrasado (sin nada esperado todavía, según lo previsto). Una acción está retrasada cuando un hito pasó su fecha sin lograrse, o terminó su año final sin completarse.
report-method-indicators = Un indicador con meta se proyecta al año de la meta con el crecimiento anual compuesto desde la línea de base (en línea recta para los indicadores sí/no y de escala 0–4); su puntaje es (proyectado − línea de base) ÷ (meta − línea de base): desde 0,95 va según lo previsto, desde 0,10 requiere aceleración, menos va retrasado, en espejo para los indicadores que deben bajar. Un indicador sí/no va según lo previsto cuando se cumple. Solo cuentan los valores validados; un indicador cumple su meta cuando va según lo previsto.
report-method-scorecard = El tablero por artículo del Protocolo da, para cada país en su último año con valores validados, la proporción de los indicadores sí/no de cada artículo que se cumplen o, para un artículo medido solo en la escala 0–4, su nivel medio dividido por 4.
report-data-annex = El anexo de datos (Excel) contiene todas las cifras de este informe, una hoja por cuadro.
report-sheet-summary = Resumen
report-sheet-themes = Temas
report-sheet-countries = Países
report-sheet-country-themes = Países por tema
report-sheet-milestones = Hitos logrados
report-sheet-changes = Cambios del año
report-sheet-delayed = Acciones retrasadas
report-sheet-indicators = Indicadores
report-sheet-scorecard = Tablero
report-sheet-submissions = Envíos
report-plan = Plan
report-data-date = Cifras al
report-iso = Código ISO
report-milestone = Hito
report-narrative = Relato del país
report-value = Valor
report-value-as-written = Valor escrito
report-score = Puntaje
problem-report-language = El informe se escribe en español (es) o en inglés (en): elija uno de ellos.
problem-report-format = El informe se descarga como pdf, docx o xlsx.
list-more = { $count } más
report-scorecard-caption = Proporción de los indicadores de cada artículo del Protocolo que se cumplen, por país (las columnas son los artículos)
report-statuses-caption = Cuántas acciones del país están en cada estado, por tema
report-data-annex-heading = Anexo de datos
reports-generate-pdf = Informe (PDF)
reports-generate-docx = Informe (Word)
reports-generate = Generar y descargar
reports-generate-help = Cada archivo se conserva, con quién lo generó, cuándo y su suma de control, y puede descargarse de nuevo abajo.
reports-generated-by-secretariat = La secretaría genera el informe en PDF, Word y Excel; los archivos que ha guardado figuran arriba, para descargarlos.
reports-generating = Generando el informe… tarda unos segundos; la descarga empieza cuando esté listo.
reports-kept = Informes conservados
reports-kept-none = Todavía no se ha generado ningún informe.
reports-format = Formato
reports-generated-by = Generado por
reports-generated-at = Generado el
reports-checksum = SHA-256
reports-download = Descargar
report-country-not-validated = Su envío de { $year } no está validado ({ $state }): sus valores de indicadores del año no figuran en este informe, y sus evaluaciones se basan en los valores validados antes.
report-no-submission = sin envío
report-milestones-by-country = Hitos que alcanzó cada país miembro en { $year }
report-milestones-count = Hitos alcanzados
problem-report-plan = Ningún plan tiene ese código: elija uno de los planes.
reports-ready = El informe está listo: su navegador lo está descargando.
update-locked = Los estados de { $year } se confirmaron en una entrega que la secretaría validó: podrán actualizarse de nuevo cuando la secretaría la reabra.
field-error-prefix = Error:

## The plan's rules (plan file and plan editing)
plan-part-plan = del plan
plan-part-theme = del tema
plan-part-objective = del objetivo
plan-part-action = de la acción
plan-part-milestone = del hito
plan-rule-empty = no puede estar vacío
plan-rule-hidden-characters = no puede contener caracteres de control ni caracteres que reordenan el texto
plan-rule-bad-code = el código { $kind } '{ $code }' debe tener letras, dígitos, '.', '-' o '_', con al menos una letra o dígito (forma parte de las direcciones)
plan-rule-duplicate-code = el código { $kind } '{ $code }' se usa dos veces
plan-rule-bad-weight = debe ser un número igual o mayor que cero
plan-rule-bad-start-year = debe ser un año como 2025
plan-rule-end-year-range = debe ser un año entre { $start } (el año de inicio) y { $latest }
plan-rule-outside-period = { $year } está fuera del período del plan, { $start }–{ $end }
plan-rule-end-before-start = no puede ser anterior al año de inicio
plan-rule-no-themes = un plan necesita al menos un tema ([[theme]])
plan-rule-unknown-article = el Protocolo no tiene artículo { $number }
plan-rule-bad-country = '{ $code }' debe ser el código ISO de dos letras mayúsculas de un país, como CR
plan-rule-unknown-country = ningún país con el código { $code } está en Enlace; agréguelo primero en la página de países
plan-rule-duplicate-country = el país { $code } aparece dos veces
plan-rule-too-long = debe tener como máximo { $most } caracteres

## Cifras sin hitos o sin informes (dashboards::figures::Basis)
basis-no-milestones = Aún no hay hitos definidos
basis-none-reported = Ningún país ha informado aún
basis-not-reported = Aún sin informar
dashboard-regional-by-status = Avance regional: { $actual } logrado, según los estados informados ({ $gaps }).
dashboard-regional-unmeasured = Avance regional: { $gaps }.
report-summary-no-milestones = Aún no hay hitos definidos: las acciones del plan no tienen ninguno, así que su avance no puede medirse frente a un calendario.
report-summary-by-status = Al { $date }, los estados informados por los países miembros daban en promedio un { $actual }.
report-summary-none-reported = Ningún país ha informado aún: al { $date }, ningún país miembro había informado un estado distinto de «no iniciada» ni alcanzado un hito.
report-themes-unmeasured = { $count ->
    [one] Un tema aún no puede medirse frente al calendario, por falta de hitos o de informes: { $list }.
   *[other] { $count } temas aún no pueden medirse frente al calendario, por falta de hitos o de informes: { $list }.
}
report-country-no-milestones = Aún no hay hitos definidos para sus acciones.
report-country-by-status = Los estados que informó dan un { $actual }, que no puede medirse frente a un calendario.
report-country-not-reported = Aún sin informar: ninguna de sus acciones tenía un estado distinto de «no iniciada» ni un hito alcanzado.

## Plan revisions
update-action-retired = Esta acción fue retirada del plan: ya no recibe actualizaciones.
update-not-taking-part = El plan no aplica esta acción a su país: no es aplicable y no recibe actualizaciones de él.
revision-state-draft = Borrador
revision-state-approved = Aprobada
revision-state-discarded = Descartada
revision-file-other-plan = Este archivo describe el plan '{ $code }', no '{ $plan }': un archivo cargado como revisión debe conservar el código del plan.
revision-file-error = { $file }, línea { $line }, campo “{ $field }”: { $message }
revision-busy = El borrador cambió mientras usted guardaba. Su cambio no se guardó: inténtelo de nuevo.
revision-no-differences = Esta revisión no cambia nada del plan aprobado por última vez: no hay nada que aprobar.
revision-not-draft = Esta revisión ya no es un borrador (fue aprobada o descartada): no se puede cambiar.
revision-draft-open = Ya hay un borrador de revisión abierto: apruébelo o descártelo antes de iniciar otro.
revision-reason-required = Indique por qué cambia el plan (la decisión de la Conferencia, por ejemplo).
revision-reason-invalid = El motivo debe tener como máximo { $limit } caracteres, sin caracteres de control.
revision-effective-outside = La revisión debe entrar en vigor dentro del período del plan, del { $start } al { $end }.
revision-effective-before-latest = La revisión no puede entrar en vigor antes del { $day }, cuando entró en vigor la revisión { $number }.
revision-part-missing = Esa parte del plan ya no está en este borrador (fue retirada o cambiada mientras tanto).
revision-part-not-empty = Retire o mueva lo que contiene este elemento ({ $kind }) antes de retirarlo.
directory-heading = Directorio de la red
directory-intro = Las personas que responden por { $country } en la red de la Conferencia contra el tráfico ilícito de migrantes, y cómo contactarlas.
directory-empty = Aún no hay contactos registrados para { $country }.
directory-empty-can-add = Añada abajo sus puntos focales y oficiales de enlace.
directory-col-institution = Institución
directory-col-languages = Idiomas
directory-col-phone = Teléfono
directory-email-label = Correo electrónico (opcional)
directory-phone-label = Teléfono (opcional)
directory-phone-hint = Dígitos, con espacios, + - ( ) . y «ext» antes de una extensión.
directory-add-heading = Añadir un contacto
directory-add = Añadir contacto
directory-edit-heading = Corregir o quitar un contacto
directory-edit-summary = Corregir o quitar a { $name }
directory-save = Guardar contacto
directory-remove = Quitar del directorio
directory-contact-added = Se añadió el contacto al directorio.
directory-contact-saved = Se guardó el contacto.
directory-contact-removed = Se quitó el contacto del directorio.
contact-role-focal-point = Punto focal
contact-role-liaison-officer = Oficial de enlace
contact-language-en = Inglés
contact-language-es = Español
contact-language-fr = Francés
contact-language-pt = Portugués
problem-institution-empty = Escriba la institución.
problem-institution-too-long = El nombre de la institución puede tener como máximo { $limit } caracteres.
problem-institution-control = El nombre de la institución contiene caracteres que no se pueden mostrar.
problem-contact-role = Elija punto focal u oficial de enlace.
problem-contact-languages = Marque al menos uno de los idiomas: inglés, español, francés o portugués.
problem-phone-invalid = Escriba un número de teléfono de al menos 4 dígitos, solo con espacios, + - ( ) . y «ext» antes de una extensión.
problem-phone-too-long = El número de teléfono puede tener como máximo { $limit } caracteres.
countries-add-heading = Añadir un país
countries-add = Añadir país
country-iso2 = Código ISO de dos letras
country-iso3 = Código ISO de tres letras
country-name-en = Nombre en inglés
country-name-es = Nombre en español
country-working-language = Idioma de trabajo en la Conferencia
country-added = Se añadió { $country }. Registre sus puntos focales en su directorio, más abajo.
problem-country-iso2 = Escriba el código ISO 3166 de dos letras del país, como BR.
problem-country-iso3 = Escriba el código ISO 3166 de tres letras del país, como BRA.
problem-country-iso2-taken = Otro país ya tiene este código de dos letras.
problem-country-iso3-taken = Otro país ya tiene este código de tres letras.
problem-country-name-en = Escriba el nombre en inglés: como máximo { $limit } caracteres, todos visibles.
problem-country-name-es = Escriba el nombre en español: como máximo { $limit } caracteres, todos visibles.
problem-membership-invalid = Elija miembro u observador.
revisions-title = Revisiones del plan
revisions-link = Revisiones del plan, y cómo cambiarlo
revisions-history = Historial
plan-file-download = Descargar el archivo del plan (TOML)
revision-open-draft = La revisión { $number } es un borrador: seguir editándola
revision-number = Revisión
revision-state = Estado
revision-effective-on = Entra en vigor el
revision-reason = Motivo
revision-approved = Aprobada
revision-differences = Cambios
revision-original = El plan tal como se cargó por primera vez
revision-start-heading = Iniciar una revisión
revision-start-hint = Una revisión parte del plan aprobado por última vez. Edite sus partes y luego apruébela: desde el día en que entra en vigor, las cifras usan el plan revisado; las cifras de días anteriores conservan el plan tal como era entonces.
revision-start = Iniciar la revisión
revision-load-heading = Cargar un archivo del plan como revisión
revision-load-hint = Elija el archivo del plan (el mismo código de plan) o pegue su texto. La página de la revisión muestra entonces lo que cambiaría; aprobarla aplica todo, descartarla nada.
revision-upload = Archivo del plan (TOML)
revision-plan-file = O pegue el texto del archivo del plan
revision-file-missing = Elija un archivo del plan o pegue su texto.
revision-load = Cargar como borrador de revisión
revision-title = Revisión { $number } del plan
revision-changes-heading = Qué cambia
revision-no-changes = Nada cambia respecto al plan aprobado antes.
revision-added = agregado
revision-retired = retirado (lo que los países informaron se conserva)
revision-reordered = las partes que contiene están en otro orden
revision-changed = { $field } cambió de “{ $before }” a “{ $after }”
revision-details-heading = Motivo y fecha
revision-outline-heading = El plan en este borrador
revision-edit-theme = Editar el tema
revision-edit-objective = Editar el objetivo
revision-edit-action = Editar la acción
revision-edit-milestone = Editar el hito
revision-add-theme = Agregar un tema
revision-add-objective = Agregar un objetivo a este tema
revision-add-action = Agregar una acción aquí
revision-add-milestone = Agregar un hito a esta acción
revision-add = Agregar
revision-no-milestones = Aún no hay hitos definidos.
revision-move-up = Subir { $code }
revision-move-down = Bajar { $code }
revision-retire = Retirar { $code }
revision-decide-heading = Aprobar o descartar
revision-approve-hint = Aprobar aplica todos los cambios de este borrador a la vez, desde su fecha de entrada en vigor.
revision-approve = Aprobar la revisión
revision-discard = Descartar el borrador
plan-field-code = Código
plan-field-milestone-code = Código (opcional: M1, M2… por defecto)
plan-field-name-en = Nombre en inglés
plan-field-name-es = Nombre en español
plan-field-title-en = Título en inglés
plan-field-title-es = Título en español
plan-field-description-en = Descripción en inglés
plan-field-description-es = Descripción en español
plan-field-lead = Responsable
plan-field-start-year = Año de inicio
plan-field-end-year = Año de fin
plan-field-weight = Peso
plan-field-articles-label = Artículos del Protocolo (números separados por comas)
plan-field-countries = Países participantes (códigos ISO; vacío: todos los países)
plan-field-countries-hint = códigos: { $codes }
plan-field-place = Dentro de
plan-field-due = Fecha prevista
plan-field-year = Escriba un año como 2027.
plan-field-date = Escriba una fecha como 2027-06-30.
plan-field-articles = Escriba números de artículo separados por comas, como 6, 10.
dashboard-theme-progress = El tema en los países miembros: { $actual } logrado frente a { $expected } esperado a la fecha ({ $status }).
dashboard-theme-progress-by-status = El tema en los países miembros: { $actual } logrado, según los estados informados ({ $gaps }).
dashboard-theme-progress-unmeasured = El tema en los países miembros: { $gaps }.
dashboard-country-progress = El país en todas sus acciones: { $actual } logrado frente a { $expected } esperado a la fecha ({ $status }).
dashboard-country-progress-by-status = El país en todas sus acciones: { $actual } logrado, según los estados informados ({ $gaps }).
dashboard-country-progress-unmeasured = El país en todas sus acciones: { $gaps }.
update-not-taking-part-note = El plan no aplica esta acción a { $country }: no es aplicable y no recibe actualizaciones.
problem-file-not-text = El archivo no es texto (UTF-8): guárdelo como archivo de texto y elíjalo de nuevo.
revision-approved-notice = La revisión está aprobada: el plan queda revisado desde el día en que entra en vigor.
plan-kind-plan = Plan
plan-kind-theme = Tema
plan-kind-objective = Objetivo
plan-kind-action = Acción
plan-kind-milestone = Hito
plan-field-approved-on = Aprobado el
revision-changed-since = El borrador cambió desde que se abrió esta página (se guardó otro cambio): léalo de nuevo y luego haga su cambio.
revision-not-yet-effective = Esta revisión entra en vigor el { $day }: puede aprobarse desde ese día y sigue siendo un borrador hasta entonces.
plan-rule-bad-date = debe ser una fecha entre 1900 y 2200
export-csv = CSV
export-xlsx = Excel (XLSX)
export-download = Descargar esta tabla:
export-col-action = Acción
export-col-record = Registro
export-col-operation = Operación
export-col-country = País
export-scorecard-yes-no = Art. { $number }: indicadores sí/no cumplidos
export-scorecard-scale = Art. { $number }: nivel (proporción de 4)
export-col-progress = Avance (0–1)
export-col-milestones-total = Hitos
export-col-updated-by = Actualizado por
export-yes = Sí
export-tracker-title = Ronda { $year }
export-col-state-of = Estado { $year }
export-col-baseline-year = Año de la línea de base
export-col-target-year = Año de la meta
nav-imports = Importar
imports-title = Importar desde una hoja de cálculo
imports-intro = Llene una plantilla sin conexión, con sus colegas, y súbala una sola vez: Enlace revisa cada fila con las mismas reglas que los formularios y muestra lo que cambiará antes de guardar nada.
imports-none = Su cuenta no informa por un país: no tiene nada que importar.
imports-pending = Sus importaciones pendientes de confirmación
import-statuses-heading = Estados de las acciones e hitos
import-statuses-hint = La plantilla lista cada acción con su estado y sus narrativas, y cada hito con el día en que se alcanzó. Cambie lo que avanzó, deje lo demás y suba el archivo aquí (Excel, o CSV con comas o puntos y comas).
import-statuses-templates = Descargue la plantilla de:
import-values-heading = Valores de los indicadores
import-values-hint = Descargue la plantilla de esta ronda, llene los valores sin conexión y súbala aquí: verá lo que cambia antes de guardarlo.
import-values-template = Plantilla de la ronda { $year } (Excel)
import-values-where = La plantilla de los valores de una ronda está en la página de indicadores del país:
import-every-country = Todos los países
import-country = Para
import-file = Archivo
import-file-hint = Una plantilla de Enlace (.xlsx), o un archivo CSV en UTF-8 con los nombres de columna de la plantilla.
import-upload = Revisar el archivo
import-preview-title = Vista previa de la importación
import-scope = Para
import-uploaded = Subido
import-scope-values = { $country }, valores de los indicadores de { $year }
import-scope-statuses = { $country }, estados de las acciones e hitos
import-scope-all = Todos los países, estados de las acciones e hitos
import-problems-heading = Problemas ({ $count })
import-problems-hint = No se puede guardar nada hasta corregir todos los problemas: corrija el archivo y súbalo de nuevo.
import-problems-more = …y { $count } problemas más.
import-changes-heading = Lo que cambiará ({ $count })
import-conflicts-heading = Omitidos: cambiaron después de crear la plantilla ({ $count })
import-conflicts-hint = Alguien guardó estos registros después de descargar la plantilla. No se sobrescriben: revíselos y descargue una plantilla nueva si todavía hay que cambiarlos.
import-nothing = El archivo dice lo que ya está guardado: no hay nada que cambiar.
import-confirm = Guardar los { $count } cambios
import-discard = Descartar esta importación
import-see-figures = Ver las cifras
import-written = La importación se guardó.
import-discarded = La importación se descartó; no se guardó nada.
import-kind-values = valores de los indicadores
import-kind-statuses = estados e hitos
import-col-sheet = Hoja
import-col-row = Fila
import-col-column = Columna
import-col-problem = Problema
import-col-what = Qué
import-col-now = Ahora
import-col-after = Después de importar
import-col-stored = Guardado ahora
import-col-file = En el archivo
import-narratives = Narrativas
import-note-before = (nota anterior)
import-col-country = País
import-col-year = Año
import-col-indicator = Indicador
import-col-indicator-name = Nombre del indicador
import-col-kind = Tipo
import-col-how-to-fill = Cómo llenarlo
import-col-value = Valor
import-col-numerator = Numerador
import-col-denominator = Denominador
import-col-source = Fuente
import-col-note = Nota
import-col-baseline = Línea de base
import-col-target = Meta
import-col-state = Estado del valor
import-col-stamp = Sello
import-col-theme = Eje temático
import-col-action = Acción
import-col-action-title = Título de la acción
import-col-status = Estado
import-col-narrative-en = Narrativa (inglés)
import-col-narrative-es = Narrativa (español)
import-col-comment = Por qué cambió el estado
import-col-updated = Última actualización
import-col-version = Versión
import-col-milestone = Hito
import-col-milestone-title = Título del hito
import-col-due = Fecha prevista
import-col-achieved-on = Alcanzado el
import-sheet-values = Valores
import-sheet-actions = Acciones
import-sheet-milestones = Hitos
import-sheet-instructions = Instrucciones
import-values-title = Valores de los indicadores de { $country }, ronda { $year }
import-statuses-title = Estados de las acciones e hitos: { $country }
import-instructions-values = Llene los valores de { $country } para { $year } en la hoja "Valores": una fila por indicador, con su fuente. Una fila vacía elimina el valor guardado antes.
import-instructions-statuses = Actualice los estados y las narrativas de { $country } en la hoja "Acciones", y los días en que se alcanzaron los hitos en la hoja "Hitos".
import-instructions-locked = Las celdas grises son de referencia y están bloqueadas; cambie solo las blancas. No agregue, elimine ni combine columnas.
import-instructions-dates = Escriba los días como fechas (2026-03-31). Un día escrito como texto en otro orden, como 31/03/2026, se rechaza, porque se lee distinto en distintos países.
import-instructions-upload-values = Suba el archivo en la página de indicadores del país en Enlace: verá lo que cambia, fila por fila, antes de guardarlo. También sirve guardarlo como CSV (UTF-8).
import-instructions-upload-statuses = Suba el archivo en la página Importar de Enlace: verá lo que cambia, fila por fila, antes de guardarlo.
import-instructions-not-editable = El envío está { $state }: los valores podrán importarse de nuevo cuando la secretaría lo devuelva o lo reabra.
import-how-yes-no = Elija Sí o No.
import-how-count = Un número entero, 0 o más.
import-how-percentage = Escriba el numerador y el denominador: el porcentaje se calcula.
import-how-number = Un número, 0 o más (se admiten decimales).
import-how-scale = Elija un nivel de 0 a 4.
import-validation-whole = Escriba un número entero, 0 o más.
import-validation-decimal = Escriba un número, 0 o más.
import-validation-date = Escriba un día, como 2026-03-31.
import-file-missing = Elija el archivo que va a importar.
import-file-too-large = El archivo pesa más de { $limit } KB: divídalo en dos.
import-not-spreadsheet = Este archivo no es una hoja de cálculo: suba la plantilla de Excel (.xlsx) o un archivo CSV.
import-other-format = Enlace lee archivos de Excel en formato .xlsx y archivos CSV: guarde este archivo como "Libro de Excel (.xlsx)" y súbalo de nuevo.
import-not-utf8 = Este archivo CSV no está en UTF-8: en Excel, guárdelo como "CSV UTF-8 (delimitado por comas)" y súbalo de nuevo.
import-encrypted = Este libro está protegido con contraseña: guárdelo sin contraseña y súbalo de nuevo.
import-too-many-rows = La hoja "{ $sheet }" tiene más de { $limit } filas: divida el archivo.
import-too-many-columns = La hoja "{ $sheet }" tiene más de { $limit } columnas: use las columnas de la plantilla.
import-damaged = No se puede leer este libro: puede estar dañado. Ábralo en Excel, guárdelo de nuevo y súbalo.
import-no-template-sheet = Ninguna hoja de este archivo es una plantilla de { $expected }: su primera fila debe nombrar las columnas de la plantilla.
import-expected-values = valores de indicadores
import-expected-statuses = estados de acciones o hitos
import-no-rows = El archivo no tiene filas que importar.
import-merged-cells = Las celdas { $range } están combinadas: sepárelas para que cada fila tenga sus propias celdas.
import-formula = Esta celda contiene una fórmula ({ $formula }): escriba el valor mismo.
import-cell-error = Esta celda contiene un error ({ $error }): escriba el valor mismo.
import-country-missing = Escriba el código ISO del país, como CR.
import-country-invalid = Este no es el código ISO de un país (dos letras, como CR).
import-country-unknown = { $code } no es un país miembro.
import-not-whole-number = Escriba un número entero.
import-indicator-missing = Escriba el código del indicador.
import-action-missing = Escriba el código de la acción.
import-milestone-missing = Escriba el código del hito.
import-action-unknown = El plan vigente no tiene la acción { $code }.
import-milestone-unknown = Esta acción no tiene el hito { $code } en el plan vigente.
import-date-invalid = Enlace no lee este día: escriba una fecha como 2026-03-31.
import-date-text = "{ $text }" es un día escrito como texto: escríbalo como fecha, o como 2026-03-31 (año, mes, día).
import-other-country = Esta fila es de { $file }; esta importación es para { $country }.
import-other-year = Esta fila es de { $file }; esta importación es para la ronda { $year }.
import-not-yours = Usted no informa por { $country }.
import-row-repeated = Esta fila repite una anterior.
import-has-problems = El archivo tiene problemas: corríjalos y súbalo de nuevo.
import-changed-since-preview = Lo guardado cambió después de mostrar esta vista previa: revise la vista previa de nuevo.
tokens-heading = Tokens de la API
tokens-intro = Un token permite a otro sistema (una oficina de estadística, un sitio web, una hoja de cálculo) leer Enlace, o escribir lo que usted puede escribir, en su nombre, mediante la API JSON.
tokens-docs = La documentación de la API
tokens-created = Su nuevo token. Cópielo ahora: no se muestra de nuevo, y Enlace guarda solo una huella de él.
tokens-name = Nombre
tokens-shown = Token
tokens-scope = Acceso
tokens-expires = Vence el
tokens-last-used = Último uso
tokens-state = Estado
tokens-active = Vigente
tokens-inactive = Revocado o vencido
tokens-revoke = Revocar
tokens-create-heading = Crear un token
tokens-create = Crear el token
tokens-limits = Como máximo { $count } tokens vigentes a la vez, cada uno por { $days } días como máximo.
token-scope-read = Solo lectura
token-scope-write = Lectura y escritura
token-scope-invalid = Elija solo lectura, o lectura y escritura.
token-name-required = Nombre el token según el sistema que lo usará.
token-name-too-long = El nombre tiene más de { $limit } caracteres.
token-name-control = El nombre debe ser una línea de caracteres visibles.
token-expiry-invalid = Escriba el último día en que funciona el token, como 2027-03-31.
token-expiry-past = El token debe funcionar al menos hasta mañana.
token-expiry-too-far = Un token funciona por { $limit } días como máximo.
token-too-many = Ya tiene { $limit } tokens vigentes: revoque uno primero.
api-read-only-title = Token de solo lectura
api-read-only-detail = Este token solo puede leer: cree un token de lectura y escritura en su página de cuenta para escribir.
api-rate-title = Demasiadas solicitudes
api-rate-detail = Este token hizo demasiadas solicitudes: inténtelo de nuevo en { $seconds } segundos.
api-page-invalid = Pida una página desde 1, de 1 a 1000 elementos.
problem-form-file-too-large = El archivo pesa más de { $limit } KB: envíe uno más pequeño, o divídalo.
api-docs-schemas = Lo que contienen las respuestas y las solicitudes

## La matriz de legislación
nav-legislation = Legislación
coverage-full = Plena
coverage-partial = Parcial
coverage-none = Ninguna
coverage-not-applicable = No aplica
coverage-missing = Sin datos
provision-group-criminalization = Penalización
provision-group-aggravation = Circunstancias agravantes
provision-group-protection = Protección de los migrantes
provision-group-sea = Tráfico por mar
provision-group-border = Medidas fronterizas
provision-group-related = Delitos conexos
penalty-range = de { $min } a { $max } años
penalty-up-to = hasta { $max } años
penalty-at-least = al menos { $min } años
field-legislation-entry = la entrada
legislation-title = Matriz de legislación
legislation-intro = Cómo cubre la ley de cada país las disposiciones del Protocolo contra el Tráfico Ilícito de Migrantes y los delitos conexos que sigue la red: la ley y el artículo que aplican cada una, su texto y sus penas. Los países la mantienen al día en cada ronda; la secretaría la verifica.
legislation-group = Disposiciones
legislation-all-groups = Todos los grupos de disposiciones
legislation-legend = Leyenda
legislation-caption = { $countries } países y { $provisions } disposiciones
legislation-verified-mark = verificada por la secretaría
legislation-unknown-group = Ese grupo de disposiciones no existe; se muestran todos.
legislation-unknown-membership = Ese grupo de países no existe; se muestran los países miembros.
legislation-article = art. { $article }
legislation-in-force-since = vigente desde el { $day }
legislation-instruments = Instrumentos nacionales
legislation-instruments-help = La ley, el código o el decreto, y su artículo, que aplican la disposición. Deje una fila vacía para omitirla.
legislation-instrument-n = Instrumento { $n }
legislation-instrument-title = Título
legislation-instrument-number = Número
legislation-instrument-year = Año
legislation-instrument-article = Artículo
legislation-instrument-url = Enlace oficial
legislation-instrument-in-force = Vigente desde
legislation-coverage = Cobertura
legislation-coverage-reason = Por qué (obligatorio salvo con cobertura plena)
legislation-original-text = Texto del artículo, en su idioma original
legislation-text-language = Idioma del texto
legislation-penalty = Pena de prisión
legislation-penalty-min = Pena mínima de prisión, en años
legislation-penalty-max = Pena máxima de prisión, en años
legislation-fines = Multas
legislation-aggravating = Circunstancias agravantes
legislation-note = Nota
legislation-country-title = Legislación de { $country }
legislation-entry-title = { $country }: { $provision }
legislation-no-round = No hay una ronda de informes abierta para este país: su legislación la mantiene la secretaría.
legislation-submission-link = Envío e indicadores
legislation-progress = Esta ronda
legislation-progress-words = { $entered } de { $provisions } disposiciones registradas, { $reviewed } revisadas en esta ronda
legislation-provision = Disposición
legislation-entered = Registrada
legislation-reviewed = Revisada en esta ronda
legislation-reviewed-yes = Sí
legislation-reviewed-no = Aún no
legislation-confirm = Confirmar sin cambios
legislation-confirmed = Se confirmó sin cambios la entrada sobre { $provision }.
legislation-verified-on = verificada el { $day }
legislation-entered-by = Registrada por { $name } el { $day }.
legislation-confirmed-by = Confirmada sin cambios por { $name } el { $day }.
legislation-verified-by = Verificada por { $name } el { $day }.
legislation-not-verified = Aún sin verificar.
legislation-someone = un antiguo usuario
legislation-locked = El envío de esta ronda está enviado o validado: la legislación podrá cambiar de nuevo si la secretaría lo devuelve o lo reabre.
legislation-edit-heading = Registrar la legislación
legislation-save = Guardar la entrada
legislation-saved = Se guardó la entrada.
legislation-history = Historial
legislation-version-summary = Versión { $version }, { $at }, por { $name }: { $coverage }
problem-coverage-unknown = Elija la cobertura: plena, parcial, ninguna o no aplica.
problem-coverage-reason-missing = Indique por qué la cobertura no es plena.
problem-instrument-missing = Indique la ley o el código que cubre la disposición.
problem-instruments-too-many = Una entrada puede enumerar como máximo { $limit } instrumentos.
problem-instrument-title-missing = El instrumento necesita su título.
problem-instrument-url = El enlace oficial debe ser una dirección web completa que empiece por http:// o https://.
problem-instrument-year = El año debe estar entre 1800 y { $limit }.
problem-instrument-in-force = El día de entrada en vigor debe ser una fecha (AAAA-MM-DD).
problem-penalty-years = Una pena de prisión es un número de años de 0 a { $limit }.
problem-penalty-order = La pena máxima no puede ser menor que la mínima.
problem-text-too-long = Este campo puede tener como máximo { $limit } caracteres.
problem-text-control = Este campo contiene caracteres ocultos de control o de dirección; elimínelos.
problem-text-language-missing = Indique en qué idioma está el texto del artículo.
problem-text-language-unknown = Elija el idioma del texto de la lista.
problem-entry-missing = Aún no hay nada registrado que confirmar: guarde primero la entrada.
col-legislation = Legislación
tracker-legislation-complete = Revisada por completo
tracker-legislation-progress = { $reviewed } de { $provisions } revisadas ({ $entered } registradas)
values-derived-help = Los indicadores legislativos (LEG-05, LEG-06A a LEG-06E) se derivan de la matriz de legislación del país y no se escriben aquí.
values-derived-link = Mantener la matriz de legislación
problem-indicator-derived = Este indicador se deriva de la matriz de legislación; cambie la entrada de legislación en lugar de su valor.
chart-least = Mínimo
chart-most = Máximo
legislation-side-by-side = La ley de cada país
legislation-penalty-chart-title = Penas de prisión por { $provision }, por país
legislation-penalty-chart-desc = Para cada país, la pena de prisión mínima y la máxima que fija su ley por { $provision }, en años.
legislation-compare-title = Comparar países
legislation-compare-intro = Elija de dos a cuatro países para leer lado a lado sus leyes, textos y penas de prisión, disposición por disposición.
legislation-compare-choose = Países (de dos a { $most })
legislation-compare-submit = Comparar
legislation-compare-caption = Las entradas de los países elegidos, disposición por disposición
legislation-compare-count = Elija de dos a { $most } países para comparar.
legislation-compare-unknown = Uno de los países elegidos no es conocido por Enlace; elija de nuevo de la lista.
legislation-changes-title = Qué cambió
legislation-changes-since = Cambios desde
legislation-changes-submit = Mostrar
legislation-changes-count = { $count } cambios en la matriz desde el { $since }.
legislation-changes-when = Cuándo
legislation-changes-before = Antes
legislation-changes-after = Después
legislation-changes-by = Por
legislation-changes-first = primera entrada
legislation-changes-bad-day = No se pudo leer ese día; se muestran los cambios del último año.
legislation-comments = Comentarios
legislation-no-comments = Aún no hay comentarios.
legislation-comment-label = Su comentario
legislation-comment-submit = Añadir el comentario
problem-entry-missing-comment = Aún no hay una entrada que comentar.
export-col-verified = Verificada el
report-legislation-heading = Anexo: la matriz de legislación
report-legislation-intro = Cómo cubre la ley de cada país miembro las disposiciones del Protocolo contra el Tráfico Ilícito de Migrantes y los delitos conexos, según la validó la ronda de { $year } (o según se registró, donde el envío del país no está validado). Las disposiciones comparadas:
report-legislation-unverified = Un asterisco (*) señala una entrada que la secretaría no ha verificado; un guion, una disposición que el país no ha registrado.
report-sheet-legislation = Legislación
report-col-provision-code = Código
report-col-verified = Verificada
reminder-legislation = Su matriz de legislación tiene { $reviewed } de { $provisions } disposiciones revisadas en esta ronda: complete o confirme las demás.
problem-legislation-locked = El envío de este país está enviado o validado: su legislación no puede cambiar salvo que la secretaría lo devuelva o lo reabra.
tracker-legislation-past = Se mantiene en la ronda más reciente

## El estado del plan en un día pasado
as-of-shown = Se muestra como estaba el { $date }. Deje la fecha vacía para ver el día de hoy.
chart-scorecard-desc-on = Para cada país, en su último año con valores validados al { $date }: la proporción de los indicadores sí/no de cada artículo del Protocolo que se cumplen, o, para un artículo medido solo en la escala 0–4, su nivel medio como proporción del nivel máximo.

## La proyección
chart-projected-range = Proyección (ritmo más lento–más rápido)
chart-projected-value = { $central } ({ $low }–{ $high })
chart-projection-range = Proyección al ritmo actual, y su rango
outlook-sentence = A su ritmo de los últimos doce meses, { $country } alcanzaría { $central } de su plan al { $end } (de { $low } a su ritmo más lento a { $high } al más rápido), { $unfinished ->
    [0] con todas las acciones que tienen hitos completas.
    [one] con una acción sin completar.
   *[other] con { $unfinished } acciones sin completar.
}
outlook-too-early = Aún es pronto para proyectar dónde estará { $country }: su ritmo se mide sobre al menos tres meses del plan.
outlook-more = Ver su proyección.
nav-outlook = Proyección
col-theme = Tema
outlook-title = Proyección
outlook-intro = Dónde estará cada país, cada tema y la región al final del plan al ritmo que llevan los países, y qué se está retrasando ahora, a tiempo para actuar.
outlook-method = Se supone que cada país sigue alcanzando sus hitos pendientes, en el orden de sus fechas límite, al ritmo de sus últimos doce meses, y nunca antes de su fecha límite más su retraso habitual. El rango es la misma proyección al más lento y al más rápido de sus ritmos de doce meses desde el inicio del plan.
outlook-method-link = Cómo se hace la proyección y qué tan bien anticipó el pasado.
outlook-filters = Filtros de la proyección
outlook-all-countries = Todos los países
outlook-unknown-country = El país de la dirección no es miembro; se muestran todos los países miembros.
outlook-region = La región
outlook-themes-heading = La región y sus temas al { $end }
outlook-countries-heading = Cada país
outlook-col-now = En la fecha mostrada
outlook-col-at-end = Al final del plan (rango)
outlook-col-pace = Hitos al mes
outlook-col-lateness = Retraso habitual (días)
outlook-col-last = Último hito alcanzado
outlook-col-unfinished = Acciones sin completar al final
outlook-too-early-short = Aún es pronto
outlook-never = Ninguno aún
outlook-warnings-heading = Alertas tempranas
outlook-warnings-intro = Hitos que se proyecta alcanzar más de 90 días después de su fecha límite, y acciones que no estarán completas al final del plan al ritmo actual.
outlook-no-warnings = No se proyecta ningún retraso de más de 90 días, y todas las acciones que tienen hitos estarían completas al final del plan.
outlook-col-what = Hito
outlook-col-projected = Proyectado
outlook-col-why = Por qué
outlook-whole-action = La acción completa
outlook-not-at-this-pace = No a este ritmo
outlook-reason-nothing-yet = ningún hito alcanzado desde el inicio del plan
outlook-reason-none-for = ningún hito alcanzado en { $months ->
    [one] 1 mes
   *[other] { $months } meses
}
outlook-reason-late = los hitos se alcanzan { $days ->
    [one] un día
   *[other] { $days } días
} después de su fecha límite, en la mediana
outlook-reason-too-slow = a su ritmo de { $pace } hitos al mes, sus { $remaining } hitos pendientes toman demasiado tiempo
outlook-method-title = Cómo se hace la proyección
outlook-method-details = El ritmo es el peso de los hitos que un país alcanzó en los doce meses hasta el día (menos en el primer año del plan, nunca menos de tres meses), por mes. Su retraso habitual es la mediana de los días de retraso con que se alcanzaron sus hitos con fecha límite en esos doce meses, o que llevan de retraso hasta ahora (también los de una acción completada: un hito sin marcar está retrasado hasta que se marca). Una acción completada sigue completa; una acción sin hitos no se proyecta. Las proyecciones de los temas y de la región son las medias sobre los países, como las cifras de los tableros. Alcanzar un hito más nunca baja una proyección.
outlook-method-warnings = Se alerta de un hito cuando se proyecta más de 90 días después de su fecha límite, o nunca al ritmo actual; de una acción cuando no estará completa al final del plan. La razón dada es lo que fija la fecha: meses sin alcanzar un hito, el retraso habitual del país o un ritmo demasiado lento para lo que queda.
outlook-backtest-heading = Qué tan bien habría anticipado el pasado
outlook-backtest-intro = El método se aplicó al final de cada mes de la historia registrada, sobre los hitos alcanzados hasta ese día, y la proyección de cada país miembro se comparó con el avance que de verdad tenía al final del mes 3, 6 y 12 meses después. La historia se conoce hasta el { $date }, el último día en que se registró algo.
outlook-backtest-none = La historia registrada aún es demasiado corta para comprobar el método.
outlook-col-horizon = Horizonte
outlook-col-cases = Proyecciones comprobadas
outlook-col-error = Error medio (puntos)
outlook-col-bias = Sesgo (puntos)
outlook-col-within = Dentro del rango
outlook-col-no-change = Error de suponer que nada cambia (puntos)
outlook-months-ahead = { $months } meses
outlook-backtest-reading = Los errores están en puntos porcentuales de avance. Un sesgo positivo significa que las proyecciones fueron demasiado optimistas. La última columna es el error de suponer simplemente que no se logrará nada más, para comparar.
report-outlook-intro = Dónde estarían la región, sus temas y cada país miembro al final del plan, el { $end }, al ritmo de los doce meses hasta el { $date }, con los hitos y las acciones que se están retrasando.
report-sheet-outlook = Proyección
report-sheet-warnings = Alertas tempranas
report-col-scope = Región, tema o país
report-col-at-slowest = Al final, ritmo más lento
report-col-at-current = Al final, ritmo actual
report-col-at-fastest = Al final, ritmo más rápido

account-digest-heading = Resumen mensual
account-digest-intro = Una vez al mes, un correo sobre dónde estará el plan de su país a su término al ritmo actual, y sobre los hitos y acciones que se están retrasando.
account-digest-saved = Su elección del resumen mensual ha quedado guardada.
digest-subject = Enlace: la proyección de { $country } al { $date }
digest-intro = Este es el resumen mensual de la proyección de { $country } en el plan de trabajo regional contra el tráfico ilícito de migrantes, al { $date }.
digest-no-warnings = Ningún hito se proyecta con más de 90 días de retraso, y todas las acciones que tienen hitos estarán completas al término del plan a este ritmo.
digest-warnings-heading = Alertas tempranas ({ $count }): hitos proyectados con más de 90 días de retraso y acciones que no estarán completas al término del plan a este ritmo.
digest-warning = - { $code }, { $what }: vence el { $due }; proyección: { $projected } ({ $reason }).
digest-more-warnings = …y { $count } más en la página de la proyección.
digest-link = La página de la proyección: { $link }
digest-why = Recibe este resumen porque lo pidió en la página de su cuenta en Enlace, donde puede dejar de recibirlo.
account-digest-on = Usted recibe el resumen mensual.
account-digest-off = Usted no recibe el resumen mensual.
account-digest-start = Enviarme el resumen mensual
account-digest-stop = Dejar de recibir el resumen mensual
problem-digest-choice = Elija si desea recibir el resumen mensual.

pager-label = Páginas
# { $first }, { $last }: the rows shown; { $total }: how many there are.
pager-summary = { $first }–{ $last } de { $total }
pager-previous = Página anterior
pager-next = Página siguiente
report-more-in-workbook = … y { $count } más, todos en la hoja «{ $sheet }» del libro de Excel.
