import Testing
@testable import PactaCore

@Suite("Calendario")
struct CalendarioTests {
    let cal = Calendario.colombia

    @Test("Días hábiles exclude weekends, holidays and the entity's own days", arguments: [
        (Fecha(2026, 3, 20), true),   // Friday
        (Fecha(2026, 3, 21), false),  // Saturday
        (Fecha(2026, 3, 22), false),  // Sunday
        (Fecha(2026, 3, 23), false),  // Monday, San José (moved)
        (Fecha(2026, 3, 24), true),   // Tuesday
        (Fecha(2026, 4, 2), false),   // Jueves Santo
        (Fecha(2026, 4, 3), false),   // Viernes Santo
        (Fecha(2026, 7, 13), false),  // Chiquinquirá (moved)
        (Fecha(2026, 7, 9), true),    // the base day of a moved holiday is a working day
        (Fecha(2026, 12, 24), true),  // Christmas Eve is not a holiday
        (Fecha(2026, 12, 25), false),
        (Fecha(2025, 7, 20), false),  // Sunday and holiday
    ])
    func habilNacional(fecha: Fecha, habil: Bool) {
        #expect(cal.esHabil(fecha) == habil)
    }

    @Test("esFestivo is true only for national holidays", arguments: [
        (Fecha(2026, 3, 23), true),
        (Fecha(2025, 7, 20), true),   // holiday even on a Sunday
        (Fecha(2026, 3, 21), false),  // a plain Saturday
        (Fecha(2026, 3, 19), false),  // San José's base day, moved away
    ])
    func festivo(fecha: Fecha, esFestivo: Bool) {
        #expect(cal.esFestivo(fecha) == esFestivo)
    }

    @Test("An entity's decreed day off is not hábil, but is not a holiday")
    func diaPropio() {
        let propio = Fecha(2026, 12, 24)
        let entidad = Calendario(diasNoHabilesPropios: [propio])
        #expect(entidad.diasNoHabilesPropios == [propio])
        #expect(!entidad.esHabil(propio))
        #expect(!entidad.esFestivo(propio))
        #expect(cal.esHabil(propio))
        // 23 Dec (Wed) + 1 hábil: 24 is off, 25 is Navidad → Monday 28.
        #expect(entidad.sumarDiasHabiles(1, desde: Fecha(2026, 12, 23)) == Fecha(2026, 12, 28))
        #expect(cal.sumarDiasHabiles(1, desde: Fecha(2026, 12, 23)) == Fecha(2026, 12, 24))
        #expect(entidad.diasHabiles(desde: Fecha(2026, 12, 1), hasta: Fecha(2026, 12, 31))
                == cal.diasHabiles(desde: Fecha(2026, 12, 1), hasta: Fecha(2026, 12, 31)) - 1)
        #expect(entidad.siguienteHabil(desde: propio) == Fecha(2026, 12, 28))
    }

    @Test("An own day off falling on a weekend or holiday does not count twice")
    func diaPropioRedundante() {
        let entidad = Calendario(diasNoHabilesPropios: [Fecha(2026, 3, 21), Fecha(2026, 3, 23)])
        #expect(entidad.diasHabiles(desde: Fecha(2026, 3, 1), hasta: Fecha(2026, 3, 31))
                == cal.diasHabiles(desde: Fecha(2026, 3, 1), hasta: Fecha(2026, 3, 31)))
    }

    @Test("Adding días hábiles starts the day after the event", arguments: [
        (15, Fecha(2023, 1, 31), Fecha(2023, 2, 21)),  // check value
        (0, Fecha(2023, 1, 31), Fecha(2023, 1, 31)),
        (0, Fecha(2026, 3, 21), Fecha(2026, 3, 21)),   // n = 0 returns the date even if not hábil
        (1, Fecha(2026, 3, 20), Fecha(2026, 3, 24)),   // over weekend and San José
        (1, Fecha(2026, 3, 21), Fecha(2026, 3, 24)),   // event on a Saturday
        (1, Fecha(2026, 4, 1), Fecha(2026, 4, 6)),     // across Semana Santa 2026
        (3, Fecha(2024, 3, 26), Fecha(2024, 4, 2)),    // across Semana Santa 2024
        (1, Fecha(2025, 12, 24), Fecha(2025, 12, 26)), // across Navidad
        (5, Fecha(2025, 12, 24), Fecha(2026, 1, 2)),   // across year end and Año Nuevo
        (10, Fecha(2025, 12, 31), Fecha(2026, 1, 16)), // 2, 5–9, 13–16 (12 Jan Reyes)
    ])
    func sumar(n: Int, desde: Fecha, esperado: Fecha) {
        #expect(cal.sumarDiasHabiles(n, desde: desde) == esperado)
    }

    @Test("A negative count walks backwards")
    func sumarNegativo() {
        #expect(cal.sumarDiasHabiles(-1, desde: Fecha(2026, 3, 24)) == Fecha(2026, 3, 20))
        #expect(cal.sumarDiasHabiles(-1, desde: Fecha(2026, 4, 6)) == Fecha(2026, 4, 1))
    }

    @Test("Counting días hábiles in (desde, hasta]", arguments: [
        (Fecha(2023, 1, 31), Fecha(2023, 2, 21), 15),
        (Fecha(2026, 3, 23), Fecha(2026, 3, 23), 0),   // equal
        (Fecha(2026, 3, 20), Fecha(2026, 3, 23), 0),   // weekend + holiday
        (Fecha(2026, 3, 20), Fecha(2026, 3, 24), 1),
        (Fecha(2026, 3, 23), Fecha(2026, 3, 24), 1),
        (Fecha(2026, 3, 24), Fecha(2026, 3, 20), -1),  // reversed: mirrored
        (Fecha(2023, 2, 21), Fecha(2023, 1, 31), -15),
        (Fecha(2026, 3, 27), Fecha(2026, 4, 10), 8),   // Semana Santa
        (Fecha(2025, 12, 31), Fecha(2026, 12, 31), 242),
        (Fecha(2024, 1, 1), Fecha(2025, 1, 1), 246),
        (Fecha(2025, 1, 1), Fecha(2025, 12, 31), 245),
        (Fecha(2016, 1, 1), Fecha(2026, 1, 1), 2449),  // ten years
    ])
    func contar(desde: Fecha, hasta: Fecha, esperado: Int) {
        #expect(cal.diasHabiles(desde: desde, hasta: hasta) == esperado)
    }

    @Test("The fast count agrees with walking day by day", arguments: [
        (Fecha(2023, 11, 17), Fecha(2026, 2, 3)),
        (Fecha(1999, 12, 30), Fecha(2001, 1, 2)),
        (Fecha(2026, 1, 1), Fecha(2026, 1, 31)),
        (Fecha(2026, 1, 3), Fecha(2026, 1, 4)),
        (Fecha(1969, 12, 1), Fecha(1970, 2, 1)),   // around ordinal 0
    ])
    func conteoCoincideConRecorrido(desde: Fecha, hasta: Fecha) {
        let entidad = Calendario(diasNoHabilesPropios: [Fecha(2024, 5, 2), Fecha(2000, 1, 3), Fecha(2026, 1, 20)])
        for c in [cal, entidad] {
            var recorrido = 0
            var d = desde.sumandoDias(1)
            while d <= hasta {
                if c.esHabil(d) { recorrido += 1 }
                d = d.sumandoDias(1)
            }
            #expect(c.diasHabiles(desde: desde, hasta: hasta) == recorrido)
            #expect(c.diasHabiles(desde: hasta, hasta: desde) == -recorrido)
        }
    }

    @Test("Adding n días hábiles lands on a hábil day exactly n hábiles later", arguments: [1, 2, 5, 10, 15, 20, 30, 60, 120, 250, 2449])
    func sumarYContarSonInversas(n: Int) {
        for inicio in [Fecha(2016, 1, 1), Fecha(2025, 6, 27), Fecha(2026, 3, 21), Fecha(2026, 12, 24)] {
            let fin = cal.sumarDiasHabiles(n, desde: inicio)
            #expect(cal.esHabil(fin))
            #expect(cal.diasHabiles(desde: inicio, hasta: fin) == n)
            #expect(cal.diasHabiles(desde: inicio, hasta: fin.sumandoDias(-1)) == n - 1)
        }
    }

    @Test("Ten years of días hábiles end on the last hábil day before 2026")
    func diezAnios() {
        #expect(cal.sumarDiasHabiles(2449, desde: Fecha(2016, 1, 1)) == Fecha(2025, 12, 31))
    }

    @Test("Next hábil day is the day itself when hábil", arguments: [
        (Fecha(2026, 3, 20), Fecha(2026, 3, 20)),
        (Fecha(2026, 3, 21), Fecha(2026, 3, 24)),
        (Fecha(2026, 4, 2), Fecha(2026, 4, 6)),
        (Fecha(2025, 12, 31), Fecha(2025, 12, 31)),
        (Fecha(2026, 1, 1), Fecha(2026, 1, 2)),
    ])
    func siguiente(desde: Fecha, esperado: Fecha) {
        #expect(cal.siguienteHabil(desde: desde) == esperado)
    }

    @Test("Remaining días hábiles are negative when overdue", arguments: [
        (Fecha(2023, 1, 31), Fecha(2023, 2, 21), 15),
        (Fecha(2023, 2, 21), Fecha(2023, 2, 21), 0),
        (Fecha(2023, 2, 22), Fecha(2023, 2, 21), -1),
        (Fecha(2023, 2, 27), Fecha(2023, 2, 21), -4),
    ])
    func restantes(hoy: Fecha, vence: Fecha, esperado: Int) {
        #expect(cal.diasHabilesRestantes(hoy: hoy, vence: vence) == esperado)
    }

    @Test("Custom rules replace the national ones")
    func reglasPropias() {
        let sinFestivos = Calendario(reglas: [])
        #expect(sinFestivos.festivos(2026).isEmpty)
        #expect(sinFestivos.esHabil(Fecha(2026, 3, 23)))
        #expect(sinFestivos.diasHabiles(desde: Fecha(2025, 12, 31), hasta: Fecha(2026, 12, 31)) == 261)
    }

    @Test("Concurrent use is safe and consistent")
    func concurrencia() async {
        let cal = Calendario()
        let resultados = await withTaskGroup(of: Int.self) { grupo in
            for anio in 2000..<2064 {
                grupo.addTask { cal.diasHabiles(desde: Fecha(anio, 1, 1), hasta: Fecha(anio + 10, 1, 1)) }
            }
            var r: [Int] = []
            for await x in grupo { r.append(x) }
            return r
        }
        #expect(resultados.count == 64)
        #expect(resultados.allSatisfy { $0 > 2400 && $0 < 2500 })
    }
}
