import Testing
@testable import PactaCore

@Suite("Decisión de los recursos")
struct RecursosTests {
    private static func p(_ c: Int) -> Puntaje { Puntaje(centesimas: c) }

    @Test("The resulting score of each decision, or why it is refused", arguments: [
        // decision, anterior, nuevo, resulting score or error
        (DecisionRecurso.confirma, 5438, nil as Int?, Result<Int, ErrorRecurso>.success(5438)),
        (.confirma, 5438, 9000, .success(5438)),                        // a confirma ignores a typed score
        (.modifica, 5438, 6000, .success(6000)),
        (.modifica, 5438, 5439, .success(5439)),
        (.modifica, 6500, 6501, .success(6501)),                        // crosses into Satisfactorio
        (.revoca, 5438, 10_000, .success(10_000)),
        (.revoca, 5438, 5438, .success(5438)),
        (.modifica, 5438, nil, .failure(.faltaPuntaje)),
        (.revoca, 5438, nil, .failure(.faltaPuntaje)),
        (.modifica, 5438, 5437, .failure(.desmejora(anterior: Puntaje(centesimas: 5438)))),
        (.revoca, 7000, 0, .failure(.desmejora(anterior: Puntaje(centesimas: 7000)))),
        (.modifica, 5438, 5438, .failure(.sinCambio)),
        (.modifica, 5438, 10_001, .failure(.fueraDeRango)),
    ])
    func resultado(decision: DecisionRecurso, anterior: Int, nuevo: Int?, esperado: Result<Int, ErrorRecurso>) {
        let r = DecisionDeRecursos.resultado(decision, anterior: Self.p(anterior), nuevo: nuevo.map(Self.p))
        #expect(r.map(\.centesimas) == esperado)
    }

    @Test("Refusals explain themselves in Spanish")
    func mensajes() {
        #expect(ErrorRecurso.desmejora(anterior: Puntaje(centesimas: 5438)).mensaje.contains("54,38"))
        #expect(ErrorRecurso.sinCambio.mensaje.contains("confirma"))
        #expect(ErrorRecurso.faltaPuntaje.mensaje.contains("nuevo puntaje"))
    }
}
