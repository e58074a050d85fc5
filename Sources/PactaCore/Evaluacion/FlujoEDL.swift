/// The stages of an EDL evaluation.
public enum EstadoEDL: String, ElementoDeFlujo {
    case porConcertar = "por_concertar"
    case porFirmar = "por_firmar"
    case enSeguimiento = "en_seguimiento"
    case porAprobarComision = "por_aprobar_comision"
    case calificada
    case notificada
    case enReposicion = "en_reposicion"
    case enApelacion = "en_apelacion"
    case enFirme = "en_firme"
    /// The servant left or is no longer covered before being rated; nothing else is done.
    case cerrada

    public var nombre: String {
        switch self {
        case .porConcertar: "Por concertar compromisos"
        case .porFirmar: "Compromisos por firmar"
        case .enSeguimiento: "En seguimiento"
        case .porAprobarComision: "Por aprobar en comisión evaluadora"
        case .calificada: "Calificada, por notificar"
        case .notificada: "Notificada (término de recursos)"
        case .enReposicion: "En recurso de reposición"
        case .enApelacion: "En recurso de apelación"
        case .enFirme: "En firme"
        case .cerrada: "Cerrada sin calificación"
        }
    }

    /// The order of the stages, for progress bars and reports.
    public var orden: Int { EstadoEDL.allCases.firstIndex(of: self)! }

    public var concertada: Bool { orden >= EstadoEDL.enSeguimiento.orden && self != .cerrada }
}

/// Who acts on an evaluation. Derived from the structure (jefe → evaluador) and the user's role.
public enum RolEDL: String, ElementoDeFlujo {
    case evaluado, evaluador, comision, superior
    case talentoHumano = "talento_humano"

    public var nombre: String {
        switch self {
        case .evaluado: "evaluado"
        case .evaluador: "evaluador"
        case .comision: "comisión evaluadora"
        case .superior: "superior del evaluador"
        case .talentoHumano: "Talento Humano"
        }
    }
}

/// Everything that moves an evaluation from one stage to another.
public enum AccionEDL: String, ElementoDeFlujo {
    case guardarCompromisos = "guardar_compromisos"
    case enviarAFirma = "enviar_a_firma"
    case firmar
    case devolver
    case fijarConTestigo = "fijar_con_testigo"
    case fijarSinAcuerdo = "fijar_sin_acuerdo"
    case ajustarCompromisos = "ajustar_compromisos"
    case registrarSeguimiento = "registrar_seguimiento"
    case calificarParcial = "calificar_parcial"
    case calificarDefinitiva = "calificar_definitiva"
    case aplicarMinimo = "aplicar_minimo"
    case calificarExtraordinaria = "calificar_extraordinaria"
    case aprobarComision = "aprobar_comision"
    case devolverComision = "devolver_comision"
    case notificar
    case interponerReposicion = "interponer_reposicion"
    case interponerApelacion = "interponer_apelacion"
    case renunciarARecursos = "renunciar_a_recursos"
    case resolverReposicion = "resolver_reposicion"
    case resolverApelacion = "resolver_apelacion"
    case declararEnFirme = "declarar_en_firme"
    case cerrar

    public var nombre: String {
        switch self {
        case .guardarCompromisos: "guardar los compromisos"
        case .enviarAFirma: "enviar los compromisos a firma"
        case .firmar: "firmar los compromisos"
        case .devolver: "devolver los compromisos sin firmar"
        case .fijarConTestigo: "fijar los compromisos con testigo"
        case .fijarSinAcuerdo: "fijar los compromisos sin acuerdo"
        case .ajustarCompromisos: "ajustar los compromisos"
        case .registrarSeguimiento: "registrar seguimiento"
        case .calificarParcial: "calificar una evaluación parcial"
        case .calificarDefinitiva: "calificar la evaluación definitiva"
        case .aplicarMinimo: "aplicar el mínimo satisfactorio"
        case .calificarExtraordinaria: "calificar la evaluación extraordinaria"
        case .aprobarComision: "aprobar la calificación en comisión"
        case .devolverComision: "devolver la calificación al evaluador"
        case .notificar: "registrar la notificación"
        case .interponerReposicion: "interponer recurso de reposición"
        case .interponerApelacion: "interponer recurso de apelación"
        case .renunciarARecursos: "renunciar a los recursos"
        case .resolverReposicion: "resolver el recurso de reposición"
        case .resolverApelacion: "resolver el recurso de apelación"
        case .declararEnFirme: "declarar la evaluación en firme"
        case .cerrar: "cerrar la evaluación sin calificación"
        }
    }
}

/// Why an EDL action was refused: the engine's typed error, with the EDL's own guard.
public typealias ErrorFlujoEDL = ErrorFlujo<EstadoEDL, RolEDL, AccionEDL>

extension ErrorFlujo where AccionDeFlujo == AccionEDL {
    /// An evaluación parcial eventual is still unrated: it is rated on the compromisos in force
    /// during its stretch, so they cannot be replaced before.
    public static func parcialPendiente(accion: AccionEDL) -> Self {
        .bloqueada(accion: accion, condicion: FlujoEDL.parcialAbierta, motivo: FlujoEDL.motivoParcialPendiente)
    }
}

/// The EDL workflow: state × role × action → state, as a table of the shared engine. Dates and
/// deadlines are checked by the callers that know them (`Terminos`); this table says only who may
/// do what, when, and which facts of the evaluation refuse or redirect an action.
public enum FlujoEDL {
    public typealias Regla = Flujo<EstadoEDL, RolEDL, AccionEDL>.Regla

    /// The instrument requires the comisión evaluadora's approval of the rating.
    public static let conComision: Condicion = "con_comision"
    /// A reposición filed "y en subsidio apelación" goes to apelación when resolved.
    public static let conApelacionSubsidiaria: Condicion = "con_apelacion_subsidiaria"
    /// The minimum satisfactory applied to the period's last stretch produces the definitive rating
    /// (Talento Humano acts for the evaluador who failed to rate).
    public static let lapsoFinal: Condicion = "lapso_final"
    /// An evaluación parcial eventual is opened and not yet rated.
    public static let parcialAbierta: Condicion = "parcial_abierta"
    static let motivoParcialPendiente =
        "primero debe calificarse la evaluación parcial eventual pendiente, sobre los compromisos vigentes en ese lapso."

    static let abiertos: Set<EstadoEDL> = [.porConcertar, .porFirmar, .enSeguimiento]

    public static let reglas: [Regla] = [
        Regla(desde: [.porConcertar], roles: [.evaluador, .evaluado], accion: .guardarCompromisos, hacia: nil),
        Regla(desde: [.porConcertar], roles: [.evaluador], accion: .enviarAFirma, hacia: .porFirmar),
        Regla(desde: [.porFirmar], roles: [.evaluado], accion: .firmar, hacia: .enSeguimiento),
        Regla(desde: [.porFirmar], roles: [.evaluado, .evaluador], accion: .devolver, hacia: .porConcertar),
        Regla(desde: [.porFirmar], roles: [.evaluador], accion: .fijarConTestigo, hacia: .enSeguimiento),
        Regla(desde: [.porConcertar, .porFirmar], roles: [.evaluador], accion: .fijarSinAcuerdo, hacia: .enSeguimiento),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .ajustarCompromisos, hacia: .porConcertar,
              guardas: [.init(si: parcialAbierta, motivo: motivoParcialPendiente)]),
        Regla(desde: [.porConcertar, .porFirmar, .enSeguimiento], roles: [.evaluador, .evaluado],
              accion: .registrarSeguimiento, hacia: nil),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .calificarParcial, hacia: nil),
        Regla(desde: [.enSeguimiento], roles: [.talentoHumano], accion: .aplicarMinimo, hacia: nil,
              desvios: [.init(si: lapsoFinal, hacia: .calificada)]),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .calificarDefinitiva, hacia: .calificada,
              desvios: [.init(si: conComision, hacia: .porAprobarComision)]),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .calificarExtraordinaria, hacia: .calificada,
              desvios: [.init(si: conComision, hacia: .porAprobarComision)]),
        Regla(desde: [.porAprobarComision], roles: [.comision], accion: .aprobarComision, hacia: .calificada),
        Regla(desde: [.porAprobarComision], roles: [.comision], accion: .devolverComision, hacia: .enSeguimiento),
        Regla(desde: [.calificada], roles: [.talentoHumano, .evaluador], accion: .notificar, hacia: .notificada),
        // Talento Humano records what the evaluado filed in writing (with the date it was filed).
        Regla(desde: [.notificada], roles: [.evaluado, .talentoHumano], accion: .interponerReposicion, hacia: .enReposicion),
        Regla(desde: [.notificada], roles: [.evaluado, .talentoHumano], accion: .interponerApelacion, hacia: .enApelacion),
        Regla(desde: [.notificada], roles: [.evaluado, .talentoHumano], accion: .renunciarARecursos, hacia: .enFirme),
        Regla(desde: [.enReposicion], roles: [.evaluador], accion: .resolverReposicion, hacia: .enFirme,
              desvios: [.init(si: conApelacionSubsidiaria, hacia: .enApelacion)]),
        Regla(desde: [.enApelacion], roles: [.superior], accion: .resolverApelacion, hacia: .enFirme),
        Regla(desde: [.notificada], roles: [.talentoHumano], accion: .declararEnFirme, hacia: .enFirme),
        Regla(desde: abiertos, roles: [.talentoHumano], accion: .cerrar, hacia: .cerrada),
    ]

    public static let flujo = Flujo(reglas)

    /// The next state, or why not. The flags name the facts of the evaluation the table looks at
    /// (see the conditions above).
    public static func transicion(desde estado: EstadoEDL, rol: RolEDL, accion: AccionEDL,
                                  conComision: Bool = false,
                                  conApelacionSubsidiaria: Bool = false,
                                  lapsoFinal: Bool = false,
                                  parcialAbierta: Bool = false) throws(ErrorFlujoEDL) -> EstadoEDL {
        try flujo.transicion(desde: estado, rol: rol, accion: accion,
                             hechos: hechos(conComision: conComision, conApelacionSubsidiaria: conApelacionSubsidiaria,
                                            lapsoFinal: lapsoFinal, parcialAbierta: parcialAbierta))
    }

    /// The facts of an evaluation the table looks at, from what the caller knows of it.
    public static func hechos(conComision: Bool = false, conApelacionSubsidiaria: Bool = false, lapsoFinal: Bool = false,
                              parcialAbierta: Bool = false) -> Set<Condicion> {
        var h = Set<Condicion>()
        if conComision { h.insert(Self.conComision) }
        if conApelacionSubsidiaria { h.insert(Self.conApelacionSubsidiaria) }
        if lapsoFinal { h.insert(Self.lapsoFinal) }
        if parcialAbierta { h.insert(Self.parcialAbierta) }
        return h
    }

    /// The actions `rol` can take in `estado` (what the page offers).
    public static func acciones(estado: EstadoEDL, rol: RolEDL) -> [AccionEDL] {
        flujo.acciones(estado: estado, rol: rol)
    }
}
