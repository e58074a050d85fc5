import Testing
@testable import PactaCore

@Suite("Festivos")
struct FestivosTests {
    @Test("Easter Sunday (Gregorian computus)", arguments: [
        (1818, Fecha(1818, 3, 22)),  // earliest possible
        (1943, Fecha(1943, 4, 25)),  // latest possible
        (2000, Fecha(2000, 4, 23)),
        (2008, Fecha(2008, 3, 23)),
        (2011, Fecha(2011, 4, 24)),
        (2019, Fecha(2019, 4, 21)),
        (2020, Fecha(2020, 4, 12)),
        (2021, Fecha(2021, 4, 4)),
        (2022, Fecha(2022, 4, 17)),
        (2023, Fecha(2023, 4, 9)),
        (2024, Fecha(2024, 3, 31)),
        (2025, Fecha(2025, 4, 20)),
        (2026, Fecha(2026, 4, 5)),
        (2027, Fecha(2027, 3, 28)),
        (2028, Fecha(2028, 4, 16)),
        (2038, Fecha(2038, 4, 25)),
        (2285, Fecha(2285, 3, 22)),
    ])
    func pascua(anio: Int, esperado: Fecha) {
        let pascua = Festivos.domingoDePascua(anio)
        #expect(pascua == esperado)
        #expect(pascua.diaDeLaSemana == .domingo)
    }

    @Test("Easter is always a Sunday between 22 March and 25 April", arguments: 1583...2600)
    func pascuaEnRango(anio: Int) {
        let p = Festivos.domingoDePascua(anio)
        #expect(p.diaDeLaSemana == .domingo)
        #expect(p >= Fecha(anio, 3, 22) && p <= Fecha(anio, 4, 25))
    }

    /// "mm-dd" of every holiday of the year, in order (coinciding holidays appear twice).
    @Test("Full holiday list of the year", arguments: [
        (2023, ["01-01", "01-09", "03-20", "04-06", "04-07", "05-01", "05-22", "06-12", "06-19", "07-03",
                "07-20", "08-07", "08-21", "10-16", "11-06", "11-13", "12-08", "12-25"]),
        (2024, ["01-01", "01-08", "03-25", "03-28", "03-29", "05-01", "05-13", "06-03", "06-10", "07-01",
                "07-20", "08-07", "08-19", "10-14", "11-04", "11-11", "12-08", "12-25"]),
        (2025, ["01-01", "01-06", "03-24", "04-17", "04-18", "05-01", "06-02", "06-23", "06-30", "06-30",
                "07-20", "08-07", "08-18", "10-13", "11-03", "11-17", "12-08", "12-25"]),
        (2026, ["01-01", "01-12", "03-23", "04-02", "04-03", "05-01", "05-18", "06-08", "06-15", "06-29",
                "07-13", "07-20", "08-07", "08-17", "10-12", "11-02", "11-16", "12-08", "12-25"]),
        (2027, ["01-01", "01-11", "03-22", "03-25", "03-26", "05-01", "05-10", "05-31", "06-07", "07-05",
                "07-12", "07-20", "08-07", "08-16", "10-18", "11-01", "11-15", "12-08", "12-25"]),
    ])
    func listaDelAnio(anio: Int, esperado: [String]) {
        let festivos = Calendario.colombia.festivos(anio)
        #expect(festivos.map { String($0.fecha.iso.dropFirst(5)) } == esperado)
        #expect(festivos.allSatisfy { $0.fecha.anio == anio })
        #expect(festivos.map(\.fecha) == festivos.map(\.fecha).sorted())
        for f in festivos {
            #expect(Calendario.colombia.esFestivo(f.fecha), "\(f.nombre) \(f.fecha)")
        }
    }

    @Test("2026 has 19 distinct holiday dates; 2025 has 18 holidays on 17 dates")
    func conteos() {
        #expect(Set(Calendario.colombia.festivos(2026).map(\.fecha)).count == 19)
        #expect(Calendario.colombia.festivos(2025).count == 18)
        #expect(Set(Calendario.colombia.festivos(2025).map(\.fecha)).count == 17)
    }

    @Test("Holidays moved under Ley Emiliani land on Mondays; Jueves/Viernes Santo do not move")
    func trasladosALunes() {
        for anio in 1990...2060 {
            for regla in Festivos.colombia {
                guard let f = regla.fecha(en: anio) else { continue }
                switch regla.tipo {
                case .trasladableAlLunes:
                    #expect(f.diaDeLaSemana == .lunes, "\(regla.nombre) \(anio)")
                case let .relativoAPascua(dias) where dias > 0:
                    #expect(f.diaDeLaSemana == .lunes, "\(regla.nombre) \(anio)")
                case .relativoAPascua(-3):
                    #expect(f.diaDeLaSemana == .jueves)
                case .relativoAPascua(-2):
                    #expect(f.diaDeLaSemana == .viernes)
                default:
                    break
                }
            }
        }
    }

    @Test("A movable holiday on a Monday stays; otherwise it goes to the next Monday", arguments: [
        (2025, Fecha(2025, 1, 6)),   // 6 Jan 2025 is a Monday
        (2026, Fecha(2026, 1, 12)),  // Tuesday → next Monday
        (2023, Fecha(2023, 1, 9)),   // Friday → next Monday
        (2030, Fecha(2030, 1, 7)),   // Sunday → next day
    ])
    func reyesMagos(anio: Int, esperado: Fecha) {
        let regla = ReglaFestivo("Reyes Magos", .trasladableAlLunes(mes: 1, dia: 6))
        #expect(regla.fecha(en: anio) == esperado)
    }

    @Test("Chiquinquirá (Ley 2578 de 2026) applies only from 2026", arguments: [
        (2024, Fecha?.none),
        (2025, nil),
        (2026, Fecha(2026, 7, 13)),
        (2027, Fecha(2027, 7, 12)),
    ])
    func chiquinquira(anio: Int, esperado: Fecha?) {
        let nombre = "Nuestra Señora del Rosario de Chiquinquirá"
        let regla = Festivos.colombia.first { $0.nombre == nombre }
        #expect(regla?.desde == 2026)
        #expect(regla?.fecha(en: anio) == esperado)
        let enLista = Calendario.colombia.festivos(anio).first { $0.nombre == nombre }?.fecha
        #expect(enLista == esperado)
    }

    @Test("2025 has no holiday in the week of 9 July")
    func sinChiquinquira2025() {
        #expect(!Calendario.colombia.festivos(2025).contains { $0.fecha.mes == 7 && $0.fecha.dia != 20 })
        #expect(!Calendario.colombia.esFestivo(Fecha(2025, 7, 14)))
        #expect(Calendario.colombia.esHabil(Fecha(2025, 7, 14)))
    }

    @Test("Coinciding holidays keep both names on one date")
    func coinciden() {
        let del30 = Calendario.colombia.festivos(2025).filter { $0.fecha == Fecha(2025, 6, 30) }
        #expect(Set(del30.map(\.nombre)) == ["San Pedro y San Pablo", "Sagrado Corazón de Jesús"])
        #expect(Calendario.colombia.esFestivo(Fecha(2025, 6, 30)))
        // One non-working day only: 30 Jun (Mon) to 1 Jul (Tue) is a single hábil day.
        #expect(Calendario.colombia.diasHabiles(desde: Fecha(2025, 6, 27), hasta: Fecha(2025, 7, 1)) == 1)
    }

    @Test("A rule is in force only between its years", arguments: [
        (2019, false), (2020, true), (2024, true), (2025, false),
    ])
    func vigenciaDeRegla(anio: Int, vigente: Bool) {
        let regla = ReglaFestivo("Prueba", .fijo(mes: 3, dia: 3), desde: 2020, hasta: 2024)
        #expect((regla.fecha(en: anio) != nil) == vigente)
        #expect(regla.fecha(en: anio).map { $0 == Fecha(anio, 3, 3) } ?? true)
    }

    @Test("A new law is one more rule value")
    func nuevaRegla() {
        let reglas = Festivos.colombia + [ReglaFestivo("Día nuevo", .fijo(mes: 2, dia: 3), desde: 2027)]
        let cal = Calendario(reglas: reglas)
        #expect(!cal.esFestivo(Fecha(2026, 2, 3)))
        #expect(cal.esFestivo(Fecha(2027, 2, 3)))
        #expect(!Calendario.colombia.esFestivo(Fecha(2027, 2, 3)))
        #expect(cal.festivos(2027).count == Calendario.colombia.festivos(2027).count + 1)
    }

    @Test("A fixed rule on 29 February is skipped in common years")
    func veintinueveDeFebrero() {
        let regla = ReglaFestivo("Bisiesto", .fijo(mes: 2, dia: 29))
        #expect(regla.fecha(en: 2024) == Fecha(2024, 2, 29))
        #expect(regla.fecha(en: 2025) == nil)
    }
}
