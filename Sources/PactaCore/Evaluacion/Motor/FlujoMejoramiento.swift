/// The stages of a formato de mejoramiento individual (seed 001, activities 18–20), for any instrument.
public enum EstadoMejoramiento: String, ElementoDeFlujo {
    /// Sent by Talento Humano; the jefe and the evaluado fill it in.
    case enviado
    /// Actions agreed: followed up until closed.
    case enSeguimiento = "en_seguimiento"
    case cerrado

    public var nombre: String {
        switch self {
        case .enviado: "Enviado, por diligenciar"
        case .enSeguimiento: "En seguimiento"
        case .cerrado: "Cerrado"
        }
    }
}

public enum RolMejoramiento: String, ElementoDeFlujo {
    case evaluado, jefe
    case talentoHumano = "talento_humano"

    public var nombre: String {
        switch self {
        case .evaluado: "evaluado"
        case .jefe: "jefe inmediato"
        case .talentoHumano: "Talento Humano"
        }
    }
}

public enum AccionMejoramiento: String, ElementoDeFlujo {
    case diligenciar, registrarSeguimiento = "registrar_seguimiento", cerrar

    public var nombre: String {
        switch self {
        case .diligenciar: "diligenciar el formato"
        case .registrarSeguimiento: "registrar un seguimiento"
        case .cerrar: "cerrar el formato"
        }
    }
}

/// Who does what on a formato de mejoramiento: the jefe and the evaluado fill it in (and may correct it
/// while it is followed up), the jefe and Talento Humano follow it up, Talento Humano closes it once it
/// has at least one follow-up.
public enum FlujoMejoramiento {
    public typealias Regla = Flujo<EstadoMejoramiento, RolMejoramiento, AccionMejoramiento>.Regla
    public static let sinSeguimientos: Condicion = "sin_seguimientos"
    /// Días hábiles from sending to fill it in [default].
    public static let plazoDiligenciar = Plazo.diasHabiles(15)

    public static let flujo = Flujo<EstadoMejoramiento, RolMejoramiento, AccionMejoramiento>([
        Regla(desde: [.enviado, .enSeguimiento], roles: [.jefe, .evaluado], accion: .diligenciar, hacia: .enSeguimiento),
        Regla(desde: [.enSeguimiento], roles: [.jefe, .talentoHumano], accion: .registrarSeguimiento, hacia: nil),
        Regla(desde: [.enSeguimiento], roles: [.talentoHumano], accion: .cerrar, hacia: .cerrado,
              guardas: [.init(si: sinSeguimientos, motivo: "se cierra con al menos un seguimiento registrado.")]),
    ])
}
