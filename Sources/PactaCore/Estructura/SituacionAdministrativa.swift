/// Dated events in a servant's working life. Later instruments read them to open
/// evaluaciones parciales; here they also update the structure (new jefe, new dependencia, retiro).
public enum TipoSituacion: String, Codable, CaseIterable, Sendable {
    case traslado, encargo, licencia, comision, vacaciones, suspension
    case cambioDeJefe = "cambio_de_jefe"
    case retiro

    public var nombre: String {
        switch self {
        case .traslado: "Traslado"
        case .encargo: "Encargo"
        case .licencia: "Licencia"
        case .comision: "Comisión"
        case .vacaciones: "Vacaciones"
        case .suspension: "Suspensión"
        case .cambioDeJefe: "Cambio de jefe inmediato"
        case .retiro: "Retiro"
        }
    }

    /// Separations from the post: they have an end date (the return).
    public var esSeparacion: Bool {
        switch self {
        case .encargo, .licencia, .comision, .vacaciones, .suspension: true
        case .traslado, .cambioDeJefe, .retiro: false
        }
    }

    /// "dura la licencia", "duran las vacaciones": the phrase with its article and verb in agreement.
    var duracion: String {
        switch self {
        case .encargo: "dura el encargo"
        case .vacaciones: "duran las vacaciones"
        default: "dura la \(nombre.lowercased())"
        }
    }

    public var requiereNuevaDependencia: Bool { self == .traslado }
    public var requiereNuevoJefe: Bool { self == .cambioDeJefe }
}

/// The data of a situación before it is stored, checked by `validar`.
public struct NuevaSituacion: Sendable, Equatable {
    public var tipo: TipoSituacion
    public var fechaInicio: Fecha
    public var fechaFin: Fecha?
    public var nuevaDependencia: Bool
    public var nuevoJefe: Bool
    public var mismoJefeQueServidor: Bool

    public init(tipo: TipoSituacion, fechaInicio: Fecha, fechaFin: Fecha? = nil,
                nuevaDependencia: Bool = false, nuevoJefe: Bool = false, mismoJefeQueServidor: Bool = false) {
        self.tipo = tipo
        self.fechaInicio = fechaInicio
        self.fechaFin = fechaFin
        self.nuevaDependencia = nuevaDependencia
        self.nuevoJefe = nuevoJefe
        self.mismoJefeQueServidor = mismoJefeQueServidor
    }

    /// Spanish messages per field; empty when the situación can be recorded.
    public func validar(posesion: Fecha?) -> [String: String] {
        var errores: [String: String] = [:]
        if let fin = fechaFin, fin < fechaInicio {
            errores["fechaFin"] = "La fecha final no puede ser anterior a la fecha de inicio."
        }
        if tipo.esSeparacion && fechaFin == nil {
            errores["fechaFin"] = "Indique hasta cuándo \(tipo.duracion)."
        }
        if !tipo.esSeparacion && fechaFin != nil {
            errores["fechaFin"] = "Un \(tipo.nombre.lowercased()) no lleva fecha final."
        }
        if tipo.requiereNuevaDependencia && !nuevaDependencia {
            errores["dependenciaId"] = "Indique la dependencia de destino del traslado."
        }
        if tipo.requiereNuevoJefe && !nuevoJefe {
            errores["jefeId"] = "Indique el nuevo jefe inmediato."
        }
        if tipo.requiereNuevoJefe && mismoJefeQueServidor {
            errores["jefeId"] = "El servidor no puede ser su propio jefe inmediato."
        }
        if let posesion, fechaInicio < posesion {
            errores["fechaInicio"] = "La fecha de inicio es anterior a la fecha de posesión (\(posesion.texto))."
        }
        return errores
    }

    /// Calendar days the servant is away from the post (inclusive), for separations.
    public var diasDeSeparacion: Int? {
        guard let fin = fechaFin, tipo.esSeparacion else { return nil }
        return fechaInicio.dias(hasta: fin) + 1
    }
}
