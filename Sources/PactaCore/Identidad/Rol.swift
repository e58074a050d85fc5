/// The roles a user account has. Evaluador, evaluado and superior jerárquico are not roles:
/// they follow from the structure (jefe inmediato), so every account linked to a servant has them implicitly.
public enum Rol: String, Codable, CaseIterable, Sendable {
    case administrador
    case talentoHumano = "talento_humano"
    case planeacion
    case controlInterno = "control_interno"
    case servidor

    public var nombre: String {
        switch self {
        case .administrador: "Administrador"
        case .talentoHumano: "Talento Humano"
        case .planeacion: "Planeación (OAP)"
        case .controlInterno: "Control Interno"
        case .servidor: "Servidor público"
        }
    }
}

/// What an account may do. Every handler asks `Permisos.permite` before acting.
public enum Permiso: String, CaseIterable, Sendable {
    case verEstructura
    case gestionarEstructura
    case verTodosLosServidores
    case gestionarServidores
    case registrarSituaciones
    case importar
    case gestionarCalendario
    case verAuditoria
    case gestionarUsuarios
    /// Every instrument's definitions, periods and vigencias, comisión, notifications, formatos de
    /// mejoramiento and reports (Talento Humano).
    case gestionarEvaluaciones
    /// Read every evaluation of every instrument of the entity (Control Interno reads everything).
    case verEvaluaciones
}

public enum Permisos {
    /// The table of roles × permissions.
    public static let tabla: [Rol: Set<Permiso>] = [
        .administrador: Set(Permiso.allCases),
        .talentoHumano: [.verEstructura, .gestionarEstructura, .verTodosLosServidores, .gestionarServidores,
                         .registrarSituaciones, .importar, .gestionarCalendario, .gestionarEvaluaciones, .verEvaluaciones],
        .planeacion: [.verEstructura, .verTodosLosServidores],
        .controlInterno: [.verEstructura, .verTodosLosServidores, .verAuditoria, .verEvaluaciones],
        .servidor: [.verEstructura],
    ]

    public static func permite(_ rol: Rol, _ permiso: Permiso) -> Bool {
        tabla[rol]?.contains(permiso) ?? false
    }
}

/// Which servants' records an account sees.
public enum AlcanceServidores: Equatable, Sendable {
    /// Every servant of the entity.
    case entidad
    /// The account's own servant and those whose jefe inmediato is that servant.
    case equipo(servidor: String)
    /// Nobody (an account with neither a role that sees everyone nor a linked servant).
    case ninguno

    public static func para(rol: Rol, servidor: String?) -> AlcanceServidores {
        if Permisos.permite(rol, .verTodosLosServidores) { return .entidad }
        if let servidor { return .equipo(servidor: servidor) }
        return .ninguno
    }

    /// Whether a servant with this id and jefe is visible.
    public func incluye(servidor id: String, jefe: String?) -> Bool {
        switch self {
        case .entidad: true
        case .equipo(let propio): id == propio || jefe == propio
        case .ninguno: false
        }
    }
}
