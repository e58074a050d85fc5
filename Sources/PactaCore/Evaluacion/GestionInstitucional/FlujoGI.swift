/// The stages of an Evaluación de la Gestión Institucional (seed 001, activities 4–15).
public enum EstadoGI: String, ElementoDeFlujo {
    case formulacion
    case revisionMetas = "revision_metas"
    case aceptacionMetas = "aceptacion_metas"
    case autoevaluacion1 = "autoevaluacion_1"
    case revision1 = "revision_1"
    case aceptacion1 = "aceptacion_1"
    case autoevaluacion2 = "autoevaluacion_2"
    case revision2 = "revision_2"
    case comportamentales
    case aceptacionFinal = "aceptacion_final"
    case finalizada
    /// The servant left or is no longer covered before the end; nothing else is done.
    case cerrada

    public var nombre: String {
        switch self {
        case .formulacion: "Formulación de metas y objetivos"
        case .revisionMetas: "Metas por aprobar (jefe inmediato)"
        case .aceptacionMetas: "Metas por aceptar (evaluado)"
        case .autoevaluacion1: "Autoevaluación del primer seguimiento"
        case .revision1: "Primer seguimiento por aprobar"
        case .aceptacion1: "Primer seguimiento por aceptar"
        case .autoevaluacion2: "Autoevaluación del segundo seguimiento"
        case .revision2: "Segundo seguimiento por aprobar"
        case .comportamentales: "Competencias comportamentales por calificar"
        case .aceptacionFinal: "Resultado por aceptar"
        case .finalizada: "Finalizada"
        case .cerrada: "Cerrada sin calificación"
        }
    }

    /// The order of the stages, for progress bars and reports.
    public var orden: Int { EstadoGI.allCases.firstIndex(of: self)! }

    /// The seguimiento (1 or 2) whose self-assessment the stage is about.
    public var seguimiento: Int? {
        switch self {
        case .autoevaluacion1, .revision1, .aceptacion1: 1
        case .autoevaluacion2, .revision2, .comportamentales, .aceptacionFinal: 2
        default: nil
        }
    }

    public var metasAcordadas: Bool { orden >= EstadoGI.autoevaluacion1.orden && self != .cerrada }
}

public enum RolGI: String, ElementoDeFlujo {
    case evaluado
    case jefe
    case talentoHumano = "talento_humano"

    public var nombre: String {
        switch self {
        case .evaluado: "evaluado"
        case .jefe: "jefe inmediato"
        case .talentoHumano: "Talento Humano"
        }
    }
}

public enum AccionGI: String, ElementoDeFlujo {
    case guardarMetas = "guardar_metas"
    case enviarMetas = "enviar_metas"
    case aprobar
    case modificar
    case rechazar
    case aceptar
    case noAceptar = "no_aceptar"
    case guardarAutoevaluacion = "guardar_autoevaluacion"
    case enviarAutoevaluacion = "enviar_autoevaluacion"
    case calificarComportamentales = "calificar_comportamentales"
    case cerrar

    public var nombre: String {
        switch self {
        case .guardarMetas: "guardar las metas y objetivos"
        case .enviarMetas: "enviar las metas al jefe inmediato"
        case .aprobar: "aprobar"
        case .modificar: "modificar y aprobar"
        case .rechazar: "rechazar y devolver"
        case .aceptar: "aceptar"
        case .noAceptar: "no aceptar y devolver"
        case .guardarAutoevaluacion: "guardar la autoevaluación"
        case .enviarAutoevaluacion: "enviar la autoevaluación al jefe inmediato"
        case .calificarComportamentales: "calificar las competencias comportamentales"
        case .cerrar: "cerrar la evaluación sin calificación"
        }
    }

    /// The jefe's answers and the evaluado's refusal need a reason; a modification says what changed.
    public var requiereMotivo: Bool { self == .rechazar || self == .noAceptar }
}

/// Seed 001's workflow as a table of the shared engine. Each arrow is one action of one role; every
/// rejection returns the step it rejects.
public enum FlujoGI {
    public typealias Regla = Flujo<EstadoGI, RolGI, AccionGI>.Regla

    static let abiertos: Set<EstadoGI> = Set(EstadoGI.allCases).subtracting([.finalizada, .cerrada])

    public static let reglas: [Regla] = [
        // Activities 4–6: formular → aprobar / rechazar / modificar → aceptar o no.
        Regla(desde: [.formulacion], roles: [.evaluado], accion: .guardarMetas, hacia: nil),
        Regla(desde: [.formulacion], roles: [.evaluado], accion: .enviarMetas, hacia: .revisionMetas),
        Regla(desde: [.revisionMetas], roles: [.jefe], accion: .aprobar, hacia: .aceptacionMetas),
        Regla(desde: [.revisionMetas], roles: [.jefe], accion: .modificar, hacia: .aceptacionMetas),
        Regla(desde: [.revisionMetas], roles: [.jefe], accion: .rechazar, hacia: .formulacion),
        Regla(desde: [.aceptacionMetas], roles: [.evaluado], accion: .aceptar, hacia: .autoevaluacion1),
        Regla(desde: [.aceptacionMetas], roles: [.evaluado], accion: .noAceptar, hacia: .formulacion),
        // Activities 8–10: autoevaluación del primer seguimiento.
        Regla(desde: [.autoevaluacion1, .autoevaluacion2], roles: [.evaluado], accion: .guardarAutoevaluacion, hacia: nil),
        Regla(desde: [.autoevaluacion1], roles: [.evaluado], accion: .enviarAutoevaluacion, hacia: .revision1),
        Regla(desde: [.revision1], roles: [.jefe], accion: .aprobar, hacia: .aceptacion1),
        Regla(desde: [.revision1], roles: [.jefe], accion: .modificar, hacia: .aceptacion1),
        Regla(desde: [.revision1], roles: [.jefe], accion: .rechazar, hacia: .autoevaluacion1),
        Regla(desde: [.aceptacion1], roles: [.evaluado], accion: .aceptar, hacia: .autoevaluacion2),
        Regla(desde: [.aceptacion1], roles: [.evaluado], accion: .noAceptar, hacia: .autoevaluacion1),
        // Activities 12–15: segundo seguimiento, competencias, aceptación final.
        Regla(desde: [.autoevaluacion2], roles: [.evaluado], accion: .enviarAutoevaluacion, hacia: .revision2),
        Regla(desde: [.revision2], roles: [.jefe], accion: .aprobar, hacia: .comportamentales),
        Regla(desde: [.revision2], roles: [.jefe], accion: .modificar, hacia: .comportamentales),
        Regla(desde: [.revision2], roles: [.jefe], accion: .rechazar, hacia: .autoevaluacion2),
        Regla(desde: [.comportamentales], roles: [.jefe], accion: .calificarComportamentales, hacia: .aceptacionFinal),
        Regla(desde: [.aceptacionFinal], roles: [.evaluado], accion: .aceptar, hacia: .finalizada),
        Regla(desde: [.aceptacionFinal], roles: [.evaluado], accion: .noAceptar, hacia: .autoevaluacion2),
        Regla(desde: abiertos, roles: [.talentoHumano], accion: .cerrar, hacia: .cerrada),
    ]

    public static let flujo = Flujo(reglas)

    /// Who brings evidencias, and when: from the agreement of the metas until the result is accepted,
    /// the evaluado (of what was done, activities 8 and 12) and the jefe (observations of the seguimiento).
    public static func registraEvidencias(estado: EstadoGI, rol: RolGI) -> Bool {
        estado.metasAcordadas && estado != .finalizada && rol != .talentoHumano
    }
}

/// Seed 001's table of what is due, for the shared `QueSeDebe`. The windows and deadlines come from
/// Talento Humano's plan de trabajo (activity 3) and the instrument's plazos.
public enum TareasGI {
    public typealias TareaGI = Tarea<EstadoGI, RolGI>

    public static let tabla: [TareaGI] = [
        TareaGI(en: [.formulacion], rol: .evaluado, "Formular las metas y objetivos y enviarlas al jefe inmediato",
          vence: .el(.fecha("vence_formulacion"))),
        TareaGI(en: [.revisionMetas], rol: .jefe, "Aprobar, rechazar o modificar las metas y objetivos",
          vence: .plazo("revision", desde: .fecha("enviada"))),
        TareaGI(en: [.aceptacionMetas], rol: .evaluado, "Aceptar o no las metas aprobadas por el jefe",
          vence: .plazo("aceptacion", desde: .fecha("revisada"))),
        TareaGI(en: [.autoevaluacion1], rol: .evaluado, "Autoevaluar el primer seguimiento y enviarlo al jefe inmediato",
          vence: .el(.fecha("fin_seguimiento_1")), cuando: [.desde("inicio_seguimiento_1")]),
        TareaGI(en: [.revision1], rol: .jefe, "Aprobar, rechazar o modificar la autoevaluación del primer seguimiento",
          vence: .plazo("revision", desde: .fecha("enviada"))),
        TareaGI(en: [.aceptacion1], rol: .evaluado, "Aceptar o no el primer seguimiento aprobado por el jefe",
          vence: .plazo("aceptacion", desde: .fecha("revisada"))),
        TareaGI(en: [.autoevaluacion2], rol: .evaluado, "Autoevaluar el segundo seguimiento y enviarlo al jefe inmediato",
          vence: .el(.fecha("fin_seguimiento_2")), cuando: [.desde("inicio_seguimiento_2")]),
        TareaGI(en: [.revision2], rol: .jefe, "Aprobar, rechazar o modificar la autoevaluación del segundo seguimiento",
          vence: .plazo("revision", desde: .fecha("enviada"))),
        TareaGI(en: [.comportamentales], rol: .jefe, "Calificar las competencias comportamentales",
          vence: .plazo("revision", desde: .fecha("revisada"))),
        TareaGI(en: [.aceptacionFinal], rol: .evaluado, "Aceptar o no el resultado final",
          vence: .plazo("aceptacion", desde: .fecha("revisada"))),
        // Activity 17: a stage not done in its window is Talento Humano's to chase.
        TareaGI(en: [.formulacion], rol: .talentoHumano, "Hacer seguimiento: metas sin formular a tiempo",
          vence: .el(.fecha("vence_formulacion")), cuando: [.vencido], muestraVence: false),
        TareaGI(en: [.autoevaluacion1], rol: .talentoHumano, "Hacer seguimiento: primer seguimiento sin autoevaluar a tiempo",
          vence: .el(.fecha("fin_seguimiento_1")), cuando: [.vencido], muestraVence: false),
        TareaGI(en: [.autoevaluacion2], rol: .talentoHumano, "Hacer seguimiento: segundo seguimiento sin autoevaluar a tiempo",
          vence: .el(.fecha("fin_seguimiento_2")), cuando: [.vencido], muestraVence: false),
    ]
}
