/// One holiday rule as data. A new law is one more value in `Festivos.colombia`.
public struct ReglaFestivo: Sendable, Hashable {
    /// How the date of the holiday is obtained for a given year.
    public enum Tipo: Sendable, Hashable {
        /// Always on this day of the month.
        case fijo(mes: Int, dia: Int)
        /// On this day when it is a Monday, otherwise the next Monday (Ley Emiliani).
        case trasladableAlLunes(mes: Int, dia: Int)
        /// This many days from Easter Sunday (negative = before).
        case relativoAPascua(dias: Int)
    }

    public let nombre: String
    public let tipo: Tipo
    /// First year the rule is in force (inclusive); `nil` = always.
    public let desde: Int?
    /// Last year the rule is in force (inclusive); `nil` = still in force.
    public let hasta: Int?

    public init(_ nombre: String, _ tipo: Tipo, desde: Int? = nil, hasta: Int? = nil) {
        self.nombre = nombre
        self.tipo = tipo
        self.desde = desde
        self.hasta = hasta
    }

    /// Whether the rule applies in `anio`.
    public func vigente(en anio: Int) -> Bool {
        if let desde, anio < desde { return false }
        if let hasta, anio > hasta { return false }
        return true
    }

    /// The date of the holiday in `anio`; `nil` when the rule is not in force that year
    /// (or the base day does not exist that year, e.g. 29 Feb).
    public func fecha(en anio: Int) -> Fecha? {
        guard vigente(en: anio) else { return nil }
        switch tipo {
        case let .fijo(mes, dia):
            return Fecha(anio: anio, mes: mes, dia: dia)
        case let .trasladableAlLunes(mes, dia):
            guard let base = Fecha(anio: anio, mes: mes, dia: dia) else { return nil }
            let dow = base.diaDeLaSemana.rawValue // lunes = 1 … domingo = 7
            return base.sumandoDias((8 - dow) % 7)
        case let .relativoAPascua(dias):
            return Festivos.domingoDePascua(anio).sumandoDias(dias)
        }
    }
}

/// A holiday on a given date. Two holidays may share a date (30 Jun 2025).
public struct Festivo: Hashable, Sendable, Codable {
    public let fecha: Fecha
    public let nombre: String

    public init(fecha: Fecha, nombre: String) {
        self.fecha = fecha
        self.nombre = nombre
    }
}

/// The holiday rules of Colombia and the Easter computus.
public enum Festivos {
    /// Ley 51 de 1983 (with Ley Emiliani moves) and Ley 2578 de 2026.
    public static let colombia: [ReglaFestivo] = [
        // Ley 51 de 1983 — fixed.
        ReglaFestivo("Año Nuevo", .fijo(mes: 1, dia: 1), desde: 1984),
        ReglaFestivo("Día del Trabajo", .fijo(mes: 5, dia: 1), desde: 1984),
        ReglaFestivo("Día de la Independencia", .fijo(mes: 7, dia: 20), desde: 1984),
        ReglaFestivo("Batalla de Boyacá", .fijo(mes: 8, dia: 7), desde: 1984),
        ReglaFestivo("Inmaculada Concepción", .fijo(mes: 12, dia: 8), desde: 1984),
        ReglaFestivo("Navidad", .fijo(mes: 12, dia: 25), desde: 1984),
        // Ley 51 de 1983 — moved to the next Monday.
        ReglaFestivo("Día de los Reyes Magos", .trasladableAlLunes(mes: 1, dia: 6), desde: 1984),
        ReglaFestivo("Día de San José", .trasladableAlLunes(mes: 3, dia: 19), desde: 1984),
        ReglaFestivo("San Pedro y San Pablo", .trasladableAlLunes(mes: 6, dia: 29), desde: 1984),
        ReglaFestivo("Asunción de la Virgen", .trasladableAlLunes(mes: 8, dia: 15), desde: 1984),
        ReglaFestivo("Día de la Raza", .trasladableAlLunes(mes: 10, dia: 12), desde: 1984),
        ReglaFestivo("Todos los Santos", .trasladableAlLunes(mes: 11, dia: 1), desde: 1984),
        ReglaFestivo("Independencia de Cartagena", .trasladableAlLunes(mes: 11, dia: 11), desde: 1984),
        // Ley 51 de 1983 — relative to Easter Sunday.
        ReglaFestivo("Jueves Santo", .relativoAPascua(dias: -3), desde: 1984),
        ReglaFestivo("Viernes Santo", .relativoAPascua(dias: -2), desde: 1984),
        ReglaFestivo("Ascensión del Señor", .relativoAPascua(dias: 43), desde: 1984),
        ReglaFestivo("Corpus Christi", .relativoAPascua(dias: 64), desde: 1984),
        ReglaFestivo("Sagrado Corazón de Jesús", .relativoAPascua(dias: 71), desde: 1984),
        // Ley 2578 de 2026.
        ReglaFestivo("Nuestra Señora del Rosario de Chiquinquirá",
                     .trasladableAlLunes(mes: 7, dia: 9), desde: 2026),
    ]

    /// Easter Sunday of `anio` (Gregorian computus, anonymous/Meeus–Jones–Butcher algorithm).
    public static func domingoDePascua(_ anio: Int) -> Fecha {
        let div = Fecha.division, mod = Fecha.modulo
        let a = mod(anio, 19)
        let b = div(anio, 100), c = mod(anio, 100)
        let d = div(b, 4), e = mod(b, 4)
        let f = div(b + 8, 25)
        let g = div(b - f + 1, 3)
        let h = mod(19 * a + b - d - g + 15, 30)
        let i = div(c, 4), k = mod(c, 4)
        let l = mod(32 + 2 * e + 2 * i - h - k, 7)
        let m = div(a + 11 * h + 22 * l, 451)
        let n = h + l - 7 * m + 114
        return Fecha(anio, n / 31, n % 31 + 1)
    }
}
