/// The stages of an EDL evaluation.
public enum EstadoEDL: String, Hashable, Sendable, Codable, CaseIterable {
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
public enum RolEDL: String, Hashable, Sendable, Codable, CaseIterable {
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
public enum AccionEDL: String, Hashable, Sendable, Codable, CaseIterable {
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

/// Why an action was refused. Each case carries what a person needs to understand it.
public enum ErrorFlujoEDL: Error, Hashable, Sendable {
    case accionNoPermitida(estado: EstadoEDL, accion: AccionEDL)
    case rolNoAutorizado(rol: RolEDL, accion: AccionEDL)
    case fueraDeTermino(accion: AccionEDL, vencio: Fecha)
    case antesDeTiempo(accion: AccionEDL, desde: Fecha)
    /// An evaluación parcial eventual is still unrated: it is rated on the compromisos in force
    /// during its stretch, so they cannot be replaced before.
    case parcialPendiente(accion: AccionEDL)

    public var mensaje: String {
        switch self {
        case .accionNoPermitida(let e, let a):
            "No se puede \(a.nombre): la evaluación está «\(e.nombre)»."
        case .rolNoAutorizado(let r, let a):
            "Como \(r.nombre) no puede \(a.nombre)."
        case .fueraDeTermino(let a, let f):
            "Ya no se puede \(a.nombre): el término venció el \(f.texto)."
        case .antesDeTiempo(let a, let f):
            "Todavía no se puede \(a.nombre): será posible desde el \(f.texto)."
        case .parcialPendiente(let a):
            "No se puede \(a.nombre) todavía: primero debe calificarse la evaluación parcial eventual pendiente, sobre los compromisos vigentes en ese lapso."
        }
    }
}

/// The EDL workflow: state × role × action → state. Dates and deadlines are checked by the
/// callers that know them (`Terminos`); this table says only who may do what, when.
public enum FlujoEDL {
    public struct Regla: Hashable, Sendable {
        public let desde: Set<EstadoEDL>
        public let roles: Set<RolEDL>
        public let accion: AccionEDL
        /// The resulting state (`nil`: unchanged).
        public let hacia: EstadoEDL?
    }

    static let abiertos: Set<EstadoEDL> = [.porConcertar, .porFirmar, .enSeguimiento]

    public static let reglas: [Regla] = [
        Regla(desde: [.porConcertar], roles: [.evaluador, .evaluado], accion: .guardarCompromisos, hacia: nil),
        Regla(desde: [.porConcertar], roles: [.evaluador], accion: .enviarAFirma, hacia: .porFirmar),
        Regla(desde: [.porFirmar], roles: [.evaluado], accion: .firmar, hacia: .enSeguimiento),
        Regla(desde: [.porFirmar], roles: [.evaluado, .evaluador], accion: .devolver, hacia: .porConcertar),
        Regla(desde: [.porFirmar], roles: [.evaluador], accion: .fijarConTestigo, hacia: .enSeguimiento),
        Regla(desde: [.porConcertar, .porFirmar], roles: [.evaluador], accion: .fijarSinAcuerdo, hacia: .enSeguimiento),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .ajustarCompromisos, hacia: .porConcertar),
        Regla(desde: [.porConcertar, .porFirmar, .enSeguimiento], roles: [.evaluador, .evaluado],
              accion: .registrarSeguimiento, hacia: nil),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .calificarParcial, hacia: nil),
        Regla(desde: [.enSeguimiento], roles: [.talentoHumano], accion: .aplicarMinimo, hacia: nil),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .calificarDefinitiva, hacia: .calificada),
        Regla(desde: [.enSeguimiento], roles: [.evaluador], accion: .calificarExtraordinaria, hacia: .calificada),
        Regla(desde: [.porAprobarComision], roles: [.comision], accion: .aprobarComision, hacia: .calificada),
        Regla(desde: [.porAprobarComision], roles: [.comision], accion: .devolverComision, hacia: .enSeguimiento),
        Regla(desde: [.calificada], roles: [.talentoHumano, .evaluador], accion: .notificar, hacia: .notificada),
        // Talento Humano records what the evaluado filed in writing (with the date it was filed).
        Regla(desde: [.notificada], roles: [.evaluado, .talentoHumano], accion: .interponerReposicion, hacia: .enReposicion),
        Regla(desde: [.notificada], roles: [.evaluado, .talentoHumano], accion: .interponerApelacion, hacia: .enApelacion),
        Regla(desde: [.notificada], roles: [.evaluado, .talentoHumano], accion: .renunciarARecursos, hacia: .enFirme),
        Regla(desde: [.enReposicion], roles: [.evaluador], accion: .resolverReposicion, hacia: .enFirme),
        Regla(desde: [.enApelacion], roles: [.superior], accion: .resolverApelacion, hacia: .enFirme),
        Regla(desde: [.notificada], roles: [.talentoHumano], accion: .declararEnFirme, hacia: .enFirme),
        Regla(desde: abiertos, roles: [.talentoHumano], accion: .cerrar, hacia: .cerrada),
    ]

    /// The next state, or why not.
    /// - Parameters:
    ///   - conComision: the instrument requires the comisión evaluadora's approval of the rating.
    ///   - conApelacionSubsidiaria: a reposición filed "y en subsidio apelación" goes to apelación
    ///     when resolved.
    ///   - lapsoFinal: the minimum satisfactory applied to the period's last stretch produces the
    ///     definitive rating (Talento Humano acts for the evaluador who failed to rate).
    ///   - parcialAbierta: an evaluación parcial eventual is opened and not yet rated; the
    ///     compromisos cannot be adjusted until it is.
    public static func transicion(desde estado: EstadoEDL, rol: RolEDL, accion: AccionEDL,
                                  conComision: Bool = false,
                                  conApelacionSubsidiaria: Bool = false,
                                  lapsoFinal: Bool = false,
                                  parcialAbierta: Bool = false) throws(ErrorFlujoEDL) -> EstadoEDL {
        let candidatas = reglas.filter { $0.accion == accion }
        guard let regla = candidatas.first(where: { $0.desde.contains(estado) }) else {
            throw .accionNoPermitida(estado: estado, accion: accion)
        }
        guard regla.roles.contains(rol) else { throw .rolNoAutorizado(rol: rol, accion: accion) }
        if accion == .ajustarCompromisos && parcialAbierta { throw .parcialPendiente(accion: accion) }
        var hacia = regla.hacia ?? estado
        if conComision && (accion == .calificarDefinitiva || accion == .calificarExtraordinaria) {
            hacia = .porAprobarComision
        }
        if accion == .resolverReposicion && conApelacionSubsidiaria { hacia = .enApelacion }
        if accion == .aplicarMinimo && lapsoFinal { hacia = .calificada }
        return hacia
    }

    /// The actions `rol` can take in `estado` (what the page offers).
    public static func acciones(estado: EstadoEDL, rol: RolEDL) -> [AccionEDL] {
        reglas.filter { $0.desde.contains(estado) && $0.roles.contains(rol) }.map(\.accion)
    }
}
