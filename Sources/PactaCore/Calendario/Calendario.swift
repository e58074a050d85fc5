import Foundation

/// Días hábiles: Monday–Friday that are neither holidays nor the entity's own non-working days.
///
/// A year's holidays are computed on demand from the rules and memoised (shared by copies).
public struct Calendario: Sendable {
    /// The holiday rules in use.
    public let reglas: [ReglaFestivo]
    /// Days the entity itself declared non-working (a decreed day off).
    public let diasNoHabilesPropios: Set<Fecha>

    private let cache: CacheFestivos
    private let propios: Set<Int>

    public init(reglas: [ReglaFestivo] = Festivos.colombia, diasNoHabilesPropios: Set<Fecha> = []) {
        self.reglas = reglas
        self.diasNoHabilesPropios = diasNoHabilesPropios
        self.propios = Set(diasNoHabilesPropios.map(\.ordinal))
        self.cache = reglas == Festivos.colombia ? CacheFestivos.colombia : CacheFestivos(reglas: reglas)
    }

    /// Colombia's national holidays, no entity-specific days.
    public static let colombia = Calendario()

    /// The same holidays plus extra own non-working days.
    public func agregando(diasNoHabiles: some Sequence<Fecha>) -> Calendario {
        Calendario(reglas: reglas, diasNoHabilesPropios: diasNoHabilesPropios.union(diasNoHabiles))
    }

    /// The holidays falling in `anio`, sorted by date; coinciding holidays are both listed.
    public func festivos(_ anio: Int) -> [Festivo] {
        cache.anio(anio).festivos
    }

    /// Whether `f` is a national holiday (own non-working days are not holidays).
    public func esFestivo(_ f: Fecha) -> Bool {
        cache.anio(f.anio).ordinales.contains(f.ordinal)
    }

    /// Whether `f` is a día hábil.
    public func esHabil(_ f: Fecha) -> Bool {
        let o = f.ordinal
        return Calendario.esDiaDeSemana(o) && !propios.contains(o) && !cache.anio(f.anio).ordinales.contains(o)
    }

    /// The date `n` días hábiles after `desde`; counting starts the day after `desde`.
    /// `n == 0` returns `desde`. A negative `n` counts backwards (the |n|-th hábil day before `desde`).
    public func sumarDiasHabiles(_ n: Int, desde: Fecha) -> Fecha {
        guard n != 0 else { return desde }
        let paso = n > 0 ? 1 : -1
        var restantes = abs(n)
        var cursor = Cursor(calendario: self)
        var o = desde.ordinal
        while restantes > 0 {
            o += paso
            if cursor.esHabil(o) { restantes -= 1 }
        }
        return Fecha(ordinal: o)
    }

    /// Number of días hábiles `d` with `desde < d <= hasta`; mirrored (negative) when
    /// `hasta < desde`, 0 when equal.
    public func diasHabiles(desde: Fecha, hasta: Fecha) -> Int {
        if hasta < desde { return -diasHabiles(desde: hasta, hasta: desde) }
        let a = desde.ordinal, b = hasta.ordinal
        guard a < b else { return 0 }
        // Weekdays in (a, b], then remove holidays and own days that fall on weekdays.
        var total = Calendario.diasDeSemanaAntesDe(b + 1) - Calendario.diasDeSemanaAntesDe(a + 1)
        var excluidos = Set<Int>()
        for anio in desde.anio...hasta.anio {
            for o in cache.anio(anio).ordinales where o > a && o <= b && Calendario.esDiaDeSemana(o) {
                excluidos.insert(o)
            }
        }
        for o in propios where o > a && o <= b && Calendario.esDiaDeSemana(o) {
            excluidos.insert(o)
        }
        total -= excluidos.count
        return total
    }

    /// `f` itself if it is hábil, otherwise the next día hábil.
    public func siguienteHabil(desde f: Fecha) -> Fecha {
        var cursor = Cursor(calendario: self)
        var o = f.ordinal
        while !cursor.esHabil(o) { o += 1 }
        return Fecha(ordinal: o)
    }

    /// Días hábiles left from `hoy` until `vence` (= `diasHabiles(desde: hoy, hasta: vence)`);
    /// negative when overdue.
    public func diasHabilesRestantes(hoy: Fecha, vence: Fecha) -> Int {
        diasHabiles(desde: hoy, hasta: vence)
    }

    // MARK: - Internals

    /// Monday–Friday, from the ordinal (1970-01-01 was a Thursday).
    static func esDiaDeSemana(_ o: Int) -> Bool {
        Fecha.modulo(o + 3, 7) < 5
    }

    /// Count of Monday–Friday ordinals in [0, x) for x >= 0, and minus the count in [x, 0) for x < 0.
    static func diasDeSemanaAntesDe(_ x: Int) -> Int {
        // Offsets 0…6 from 1970-01-01: jue, vie, sáb, dom, lun, mar, mié.
        let prefijo = [0, 1, 2, 2, 2, 3, 4]
        let semanas = Fecha.division(x, 7)
        return semanas * 5 + prefijo[x - semanas * 7]
    }

    /// Walks days keeping the current year's holiday set, so a long walk takes the lock once per year.
    private struct Cursor {
        let calendario: Calendario
        var hasta = Int.min, desde = Int.max
        var festivos: Set<Int> = []

        init(calendario: Calendario) { self.calendario = calendario }

        mutating func esHabil(_ o: Int) -> Bool {
            guard Calendario.esDiaDeSemana(o), !calendario.propios.contains(o) else { return false }
            if o < desde || o > hasta {
                let f = Fecha(ordinal: o)
                festivos = calendario.cache.anio(f.anio).ordinales
                desde = Fecha(f.anio, 1, 1).ordinal
                hasta = Fecha(f.anio, 12, 31).ordinal
            }
            return !festivos.contains(o)
        }
    }
}

/// Memoised holidays per year for one set of rules. Thread-safe; shared by copies of a `Calendario`.
final class CacheFestivos: @unchecked Sendable {
    struct Anio {
        let festivos: [Festivo]
        let ordinales: Set<Int>
    }

    static let colombia = CacheFestivos(reglas: Festivos.colombia)

    private let reglas: [ReglaFestivo]
    private let lock = NSLock()
    private var porAnio: [Int: Anio] = [:]

    init(reglas: [ReglaFestivo]) { self.reglas = reglas }

    func anio(_ anio: Int) -> Anio {
        lock.lock()
        defer { lock.unlock() }
        if let hecho = porAnio[anio] { return hecho }
        let calculado = calcular(anio)
        porAnio[anio] = calculado
        return calculado
    }

    /// Rules of the neighbouring years are evaluated too, so a holiday moved across
    /// the new year (not the case in Colombia today) lands in the right year.
    private func calcular(_ anio: Int) -> Anio {
        var lista: [(fecha: Fecha, orden: Int, nombre: String)] = []
        for base in (anio - 1)...(anio + 1) {
            for (i, regla) in reglas.enumerated() {
                if let f = regla.fecha(en: base), f.anio == anio {
                    lista.append((f, (base - anio + 1) * reglas.count + i, regla.nombre))
                }
            }
        }
        lista.sort { ($0.fecha, $0.orden) < ($1.fecha, $1.orden) }
        let festivos = lista.map { Festivo(fecha: $0.fecha, nombre: $0.nombre) }
        return Anio(festivos: festivos, ordinales: Set(festivos.map(\.fecha.ordinal)))
    }
}
