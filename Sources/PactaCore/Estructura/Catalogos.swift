/// Catalogues of the structure: the closed lists a servant's record is made of.
/// Stored as snake_case strings; `nombre` is what a person reads.

/// How a servant is bound to the entity; decides which instrument evaluates them.
public enum TipoVinculacion: String, Codable, CaseIterable, Sendable {
    case carrera
    case periodoDePrueba = "periodo_de_prueba"
    case provisional
    case libreNombramiento = "libre_nombramiento"
    case gerentePublico = "gerente_publico"
    case temporal

    public var nombre: String {
        switch self {
        case .carrera: "Carrera administrativa"
        case .periodoDePrueba: "Período de prueba"
        case .provisional: "Provisional"
        case .libreNombramiento: "Libre nombramiento y remoción"
        case .gerentePublico: "Gerente público"
        case .temporal: "Temporal"
        }
    }

    /// The instrument that evaluates this vinculación by default (DOMAIN.md §2).
    public var instrumento: Instrumento {
        switch self {
        case .carrera, .periodoDePrueba: .edl
        case .provisional, .libreNombramiento, .temporal: .gestionInstitucional
        case .gerentePublico: .acuerdoDeGestion
        }
    }
}

public enum Instrumento: String, Codable, CaseIterable, Sendable {
    case edl
    case gestionInstitucional = "gestion_institucional"
    case acuerdoDeGestion = "acuerdo_de_gestion"

    public var nombre: String {
        switch self {
        case .edl: "Evaluación del Desempeño Laboral (EDL)"
        case .gestionInstitucional: "Evaluación de la Gestión Institucional"
        case .acuerdoDeGestion: "Acuerdo de Gestión"
        }
    }
}

public enum NivelJerarquico: String, Codable, CaseIterable, Sendable {
    case directivo, asesor, profesional, tecnico, asistencial

    public var nombre: String {
        switch self {
        case .directivo: "Directivo"
        case .asesor: "Asesor"
        case .profesional: "Profesional"
        case .tecnico: "Técnico"
        case .asistencial: "Asistencial"
        }
    }
}

public enum TipoDependencia: String, Codable, CaseIterable, Sendable {
    case despacho, secretaria, direccion, subdireccion, oficina, grupo
    case alcaldiaLocal = "alcaldia_local"
    case otra

    public var nombre: String {
        switch self {
        case .despacho: "Despacho"
        case .secretaria: "Secretaría"
        case .direccion: "Dirección"
        case .subdireccion: "Subdirección"
        case .oficina: "Oficina"
        case .grupo: "Grupo interno de trabajo"
        case .alcaldiaLocal: "Alcaldía local"
        case .otra: "Otra"
        }
    }
}

public enum TipoProceso: String, Codable, CaseIterable, Sendable {
    case estrategico, misional, apoyo, evaluacion

    public var nombre: String {
        switch self {
        case .estrategico: "Estratégico"
        case .misional: "Misional"
        case .apoyo: "De apoyo"
        case .evaluacion: "De evaluación y control"
        }
    }
}

public enum TipoDocumento: String, Codable, CaseIterable, Sendable {
    case cc, ce, pasaporte, ppt
    public var nombre: String {
        switch self {
        case .cc: "Cédula de ciudadanía"
        case .ce: "Cédula de extranjería"
        case .pasaporte: "Pasaporte"
        case .ppt: "Permiso por protección temporal"
        }
    }
}
