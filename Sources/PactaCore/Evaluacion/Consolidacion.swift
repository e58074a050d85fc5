/// Why a stretch of the period is rated on its own (evaluaciones parciales eventuales and the
/// ordinary stretches).
public enum MotivoParcial: String, Hashable, Sendable, Codable, CaseIterable {
    case cambioDeEvaluador = "cambio_de_evaluador"
    case cambioDeComision = "cambio_de_comision"
    case traslado
    case separacion
    /// The end of a semester inside an annual period (the semestral rating).
    case finDeTramo = "fin_de_tramo"
    /// From the last evaluation to the end of the period.
    case lapsoFinal = "lapso_final"
    case extraordinaria
    /// A stretch the evaluador did not rate in time: counted as the minimum satisfactory share.
    case minimoPorOmision = "minimo_por_omision"

    public var nombre: String {
        switch self {
        case .cambioDeEvaluador: "Cambio de evaluador"
        case .cambioDeComision: "Cambio de un integrante de la comisión evaluadora"
        case .traslado: "Traslado"
        case .separacion: "Separación temporal del empleo de más de 30 días"
        case .finDeTramo: "Fin del semestre"
        case .lapsoFinal: "Lapso final del período"
        case .extraordinaria: "Evaluación extraordinaria"
        case .minimoPorOmision: "No calificado a tiempo por el evaluador (mínimo satisfactorio)"
        }
    }

    /// Whether it is an evaluación parcial eventual (format F-050).
    public var esEventual: Bool {
        switch self {
        case .cambioDeEvaluador, .cambioDeComision, .traslado, .separacion: true
        default: false
        }
    }

    /// The motive of a situación administrativa, if it triggers a parcial.
    public static func para(_ s: TipoSituacion) -> MotivoParcial? {
        switch s {
        case .cambioDeJefe: .cambioDeEvaluador
        case .traslado: .traslado
        case .encargo, .licencia, .comision, .vacaciones, .suspension: .separacion
        case .retiro: nil
        }
    }
}

/// A stretch with its rating, ready to be weighted.
public struct TramoCalificado: Hashable, Sendable, Codable {
    public var periodo: Periodo
    /// Días laborados in the stretch (calendar days, minus separations of more than 30 days).
    public var dias: Int
    public var puntaje: Puntaje

    public init(periodo: Periodo, dias: Int, puntaje: Puntaje) {
        self.periodo = periodo
        self.dias = dias
        self.puntaje = puntaje
    }
}

/// What to do with the stretch that ends at a situación administrativa.
public enum DecisionParcial: Hashable, Sendable {
    /// Rate it now: the stretch and its días laborados.
    case abrir(Periodo, dias: Int)
    /// 30 days or fewer: rated together with the next stretch.
    case acumular(dias: Int)
}

/// The day-weighted consolidation of an evaluation's stretches (DOMAIN.md §4).
public enum Consolidacion {
    /// Calendar days of `p` not covered by `separaciones` (only separations longer than
    /// `diasMinimos` days take days off).
    public static func diasLaborados(_ p: Periodo, separaciones: [Periodo], diasMinimos: Int = 30) -> Int {
        var fuera = Set<Int>()
        for s in separaciones where s.dias > diasMinimos {
            let a = max(s.inicio.ordinal, p.inicio.ordinal), b = min(s.fin.ordinal, p.fin.ordinal)
            if a <= b { for o in a...b { fuera.insert(o) } }
        }
        return p.dias - fuera.count
    }

    /// Whether the stretch from `desde` up to the day before `corte` is rated now (more than
    /// `diasMinimos` días laborados) or carried into the next stretch.
    public static func decidir(desde: Fecha, corte: Fecha, separaciones: [Periodo],
                               diasMinimos: Int = 30) -> DecisionParcial {
        guard let p = Periodo(inicio: desde, fin: corte.sumandoDias(-1)) else { return .acumular(dias: 0) }
        let d = diasLaborados(p, separaciones: separaciones, diasMinimos: diasMinimos)
        return d > diasMinimos ? .abrir(p, dias: d) : .acumular(dias: d)
    }

    /// Σ puntaje × días / Σ días, rounded half up to the hundredth; `nil` without días.
    public static func ponderar(_ tramos: [TramoCalificado]) -> Puntaje? {
        let dias = tramos.reduce(0) { $0 + max(0, $1.dias) }
        guard dias > 0 else { return nil }
        let suma = tramos.reduce(0) { $0 + $1.puntaje.centesimas * max(0, $1.dias) }
        return Puntaje(centesimas: Puntaje.dividirRedondeando(suma, dias))
    }

    /// Each stretch's share of the final score, in percent with two decimals (what F-049 shows).
    public static func porcentajes(_ tramos: [TramoCalificado]) -> [Puntaje] {
        let dias = tramos.reduce(0) { $0 + max(0, $1.dias) }
        guard dias > 0 else { return tramos.map { _ in .cero } }
        return tramos.map { Puntaje(centesimas: Puntaje.dividirRedondeando(max(0, $0.dias) * 10_000, dias)) }
    }

    /// Whether the servant served long enough in the period to be rated in it at all; otherwise
    /// the service is rated with the next period.
    public static func seCalificaEnElPeriodo(diasLaborados: Int, diasMinimos: Int = 30) -> Bool {
        diasLaborados > diasMinimos
    }
}
