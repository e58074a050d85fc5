import Foundation

/// A date an instrument's task counts from.
public enum Referencia: Hashable, Sendable {
    /// A named date of the evaluation ("calificada", "notificada", "vence_concertacion"…).
    case fecha(String)
    /// The date of the item of the series the task repeats over (a stretch's last day, a parcial's deadline).
    case item
}

/// When a task is due.
public enum Vencimiento: Hashable, Sendable {
    case ninguno
    /// On the reference date itself (a deadline already computed, like the concertación's).
    case el(Referencia)
    /// The instrument's plazo with this key, counted from the reference date.
    case plazo(String, desde: Referencia)
}

/// A condition on the moment for a task to be listed.
public enum Momento: Hashable, Sendable {
    /// The reference date has arrived (a stretch is rated from its last day on).
    case llegada
    /// The deadline has not passed.
    case enTermino
    /// The deadline has passed (somebody else acts for the one who did not).
    case vencido
    /// The evaluation's named date has arrived (a window of the work plan opens).
    case desde(String)
}

/// One line of an instrument's table of what is due: in these states, this role has this task.
public struct Tarea<EstadoDeFlujo: ElementoDeFlujo, RolDeFlujo: ElementoDeFlujo>: Hashable, Sendable {
    public let en: Set<EstadoDeFlujo>
    public let rol: RolDeFlujo
    /// What to do, in Spanish; `{nombre}` is replaced by the item's name, in lower case.
    public let texto: String
    /// Repeated for each item of this series of the evaluation (`nil`: once).
    public let serie: String?
    public let vence: Vencimiento
    /// Listed only when all hold.
    public let cuando: [Momento]
    /// Whether the deadline is shown: a task that exists because a deadline passed has none of its own.
    public let muestraVence: Bool

    public init(en: Set<EstadoDeFlujo>, rol: RolDeFlujo, _ texto: String, serie: String? = nil, vence: Vencimiento = .ninguno,
                cuando: [Momento] = [], muestraVence: Bool = true) {
        self.en = en
        self.rol = rol
        self.texto = texto
        self.serie = serie
        self.vence = vence
        self.cuando = cuando
        self.muestraVence = muestraVence
    }
}

/// What an evaluation looks like for deciding what is due, for any instrument: its state, its named
/// dates and the series of items that each may need something (stretches to rate, parciales, seguimientos).
public struct FotoDeEvaluacion<EstadoDeFlujo: ElementoDeFlujo>: Sendable {
    public struct Item: Hashable, Sendable {
        public var nombre: String
        public var fecha: Fecha
        public init(nombre: String, fecha: Fecha) {
            self.nombre = nombre
            self.fecha = fecha
        }
    }

    public var estado: EstadoDeFlujo
    public var fechas: [String: Fecha]
    public var series: [String: [Item]]

    public init(estado: EstadoDeFlujo, fechas: [String: Fecha] = [:], series: [String: [Item]] = [:]) {
        self.estado = estado
        self.fechas = fechas
        self.series = series
    }
}

/// Something due from someone on an evaluation of any instrument, with its deadline.
public struct Debido<RolDeFlujo: ElementoDeFlujo>: Hashable, Sendable {
    public var rol: RolDeFlujo
    public var tarea: String
    public var vence: Fecha?
    /// The series and the item it came from, when the task repeats over one.
    public var serie: String?
    public var item: Int?

    public init(rol: RolDeFlujo, tarea: String, vence: Fecha?, serie: String? = nil, item: Int? = nil) {
        self.rol = rol
        self.tarea = tarea
        self.vence = vence
        self.serie = serie
        self.item = item
    }

    /// How a page says the time left, in Spanish: "quedan 3 días hábiles", "vence hoy", "vencido hace 2 días hábiles".
    public static func textoPlazo(dias: Int?, vencido: Bool) -> String {
        guard let d = dias else { return "sin plazo fijo" }
        if vencido { return d < 0 ? "vencido hace \(-d) \(-d == 1 ? "día hábil" : "días hábiles")" : "vencido" }
        switch d {
        case ...0: return "vence hoy"
        case 1: return "queda 1 día hábil"
        default: return "quedan \(d) días hábiles"
        }
    }

    /// Días hábiles left until the deadline (negative when overdue); `nil` without one.
    public func diasHabilesRestantes(hoy: Fecha, calendario: Calendario) -> Int? {
        vence.map { calendario.diasHabilesRestantes(hoy: hoy, vence: $0) }
    }
}

/// The one function that says what is due, from whom and by when, for any evaluation of any
/// instrument: the instrument's table of tasks applied to a snapshot of the evaluation.
public enum QueSeDebe {
    /// Everything due as of `hoy`, for every role, soonest first (no deadline last; ties keep the
    /// table's order). `plazo` computes the instrument's plazo with a key from a date.
    public static func calcular<EstadoDeFlujo, RolDeFlujo>(_ tareas: [Tarea<EstadoDeFlujo, RolDeFlujo>], foto: FotoDeEvaluacion<EstadoDeFlujo>, hoy: Fecha,
                                            plazo: (String, Fecha) -> Fecha?) -> [Debido<RolDeFlujo>] {
        var r: [Debido<RolDeFlujo>] = []
        for t in tareas where t.en.contains(foto.estado) {
            let items: [(Int?, FotoDeEvaluacion<EstadoDeFlujo>.Item?)] = t.serie.map { s in
                (foto.series[s] ?? []).enumerated().map { (Int?.some($0.offset), Optional($0.element)) }
            } ?? [(nil, nil)]
            for (indice, item) in items {
                func fecha(_ ref: Referencia) -> Fecha? {
                    switch ref {
                    case .fecha(let nombre): foto.fechas[nombre]
                    case .item: item?.fecha
                    }
                }
                let referencia: Fecha?
                let vence: Fecha?
                switch t.vence {
                case .ninguno: referencia = nil; vence = nil
                case .el(let ref): referencia = fecha(ref); vence = referencia
                case .plazo(let clave, let ref): referencia = fecha(ref); vence = referencia.flatMap { plazo(clave, $0) }
                }
                let listada = t.cuando.allSatisfy { m in
                    switch m {
                    case .llegada: referencia.map { $0 <= hoy } ?? false
                    case .enTermino: vence.map { hoy <= $0 } ?? false
                    case .vencido: vence.map { hoy > $0 } ?? false
                    case .desde(let nombre): foto.fechas[nombre].map { $0 <= hoy } ?? false
                    }
                }
                guard listada else { continue }
                let texto = t.texto.replacingOccurrences(of: "{nombre}", with: item?.nombre.lowercased() ?? "")
                r.append(Debido(rol: t.rol, tarea: texto, vence: t.muestraVence ? vence : nil, serie: t.serie, item: indice))
            }
        }
        return r.enumerated().sorted { a, b in
            let va = a.element.vence ?? Fecha(9999, 12, 31), vb = b.element.vence ?? Fecha(9999, 12, 31)
            return va != vb ? va < vb : a.offset < b.offset
        }.map(\.element)
    }
}
