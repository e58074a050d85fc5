@testable import PactaCore

/// Small builders shared by the EDL test files. Expected values in the tests are written by hand;
/// these only shorten the setup.
enum EDL {
    static let cnsc = DefinicionEDL.cnscSistemaTipo2018
    static let gth = DefinicionEDL.semestralGTH
    static let cal = Calendario.colombia

    /// A score from its hundredths, without going through the parser under test.
    static func p(_ centesimas: Int) -> Puntaje { Puntaje(centesimas: centesimas) }

    static func periodo(_ inicio: Fecha, _ fin: Fecha) -> Periodo { Periodo(inicio: inicio, fin: fin)! }

    /// A complete compromiso with the given weight (in hundredths).
    static func compromiso(_ pesoCentesimas: Int, verbo: String = "Elaborar", objeto: String = "el informe trimestral",
                           condicion: String = "aprobado por el jefe antes del día 10") -> CompromisoPropuesto {
        CompromisoPropuesto(verbo: verbo, objeto: objeto, condicion: condicion, evidencias: "Informe radicado",
                            peso: Puntaje(centesimas: pesoCentesimas))
    }

    /// `n` complete compromisos whose weights add up to exactly 100,00 (remainder on the first).
    static func compromisos(_ n: Int) -> [CompromisoPropuesto] {
        guard n > 0 else { return [] }
        let base = 10_000 / n
        return (0..<n).map { i in compromiso(i == 0 ? 10_000 - base * (n - 1) : base) }
    }

    /// Three comunes: valid for every nivel.
    static let comunes = ["aprendizaje_continuo", "orientacion_a_resultados", "trabajo_en_equipo"]
}
