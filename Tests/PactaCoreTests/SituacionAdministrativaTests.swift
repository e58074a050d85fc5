import Testing
@testable import PactaCore

@Suite("Situaciones administrativas")
struct SituacionAdministrativaTests {
    static let posesion = Fecha(2024, 3, 15)

    @Test("Separations are the situations with a return date", arguments: [
        (TipoSituacion.encargo, true),
        (.licencia, true),
        (.comision, true),
        (.vacaciones, true),
        (.suspension, true),
        (.traslado, false),
        (.cambioDeJefe, false),
        (.retiro, false),
    ])
    func esSeparacion(tipo: TipoSituacion, separacion: Bool) {
        #expect(tipo.esSeparacion == separacion)
        #expect(tipo.requiereNuevaDependencia == (tipo == .traslado))
        #expect(tipo.requiereNuevoJefe == (tipo == .cambioDeJefe))
    }

    @Test("validar returns a Spanish message per field, or nothing when the situación can be recorded", arguments: [
        // Valid ones.
        (NuevaSituacion(tipo: .licencia, fechaInicio: Fecha(2025, 1, 1), fechaFin: Fecha(2025, 1, 31)), Fecha?.some(posesion), [String: String]()),
        (NuevaSituacion(tipo: .vacaciones, fechaInicio: Fecha(2025, 7, 1), fechaFin: Fecha(2025, 7, 1)), posesion, [:]),
        (NuevaSituacion(tipo: .traslado, fechaInicio: Fecha(2025, 2, 1), nuevaDependencia: true), posesion, [:]),
        (NuevaSituacion(tipo: .cambioDeJefe, fechaInicio: Fecha(2025, 2, 1), nuevoJefe: true), posesion, [:]),
        (NuevaSituacion(tipo: .retiro, fechaInicio: Fecha(2025, 12, 31)), posesion, [:]),
        (NuevaSituacion(tipo: .retiro, fechaInicio: posesion), posesion, [:]),                         // on the posesión day itself
        (NuevaSituacion(tipo: .retiro, fechaInicio: Fecha(2000, 1, 1)), nil, [:]),                      // no posesión known
        (NuevaSituacion(tipo: .licencia, fechaInicio: Fecha(2025, 1, 1), fechaFin: Fecha(2025, 1, 2), nuevaDependencia: true), posesion, [:]),
        // Separations need an end.
        (NuevaSituacion(tipo: .licencia, fechaInicio: Fecha(2025, 1, 1)), posesion,
         ["fechaFin": "Indique hasta cuándo dura la licencia."]),
        (NuevaSituacion(tipo: .comision, fechaInicio: Fecha(2025, 1, 1)), posesion,
         ["fechaFin": "Indique hasta cuándo dura la comisión."]),
        (NuevaSituacion(tipo: .suspension, fechaInicio: Fecha(2025, 1, 1)), posesion,
         ["fechaFin": "Indique hasta cuándo dura la suspensión."]),
        // Non-separations must not have one.
        (NuevaSituacion(tipo: .traslado, fechaInicio: Fecha(2025, 1, 1), fechaFin: Fecha(2025, 2, 1), nuevaDependencia: true), posesion,
         ["fechaFin": "Un traslado no lleva fecha final."]),
        (NuevaSituacion(tipo: .retiro, fechaInicio: Fecha(2025, 1, 1), fechaFin: Fecha(2025, 2, 1)), posesion,
         ["fechaFin": "Un retiro no lleva fecha final."]),
        (NuevaSituacion(tipo: .cambioDeJefe, fechaInicio: Fecha(2025, 1, 1), fechaFin: Fecha(2025, 2, 1), nuevoJefe: true), posesion,
         ["fechaFin": "Un cambio de jefe inmediato no lleva fecha final."]),
        // The end cannot precede the start.
        (NuevaSituacion(tipo: .licencia, fechaInicio: Fecha(2025, 1, 31), fechaFin: Fecha(2025, 1, 30)), posesion,
         ["fechaFin": "La fecha final no puede ser anterior a la fecha de inicio."]),
        (NuevaSituacion(tipo: .vacaciones, fechaInicio: Fecha(2026, 1, 1), fechaFin: Fecha(2025, 12, 31)), posesion,
         ["fechaFin": "La fecha final no puede ser anterior a la fecha de inicio."]),
        // Traslado needs a destination; cambio de jefe a jefe who is not the servant.
        (NuevaSituacion(tipo: .traslado, fechaInicio: Fecha(2025, 2, 1)), posesion,
         ["dependenciaId": "Indique la dependencia de destino del traslado."]),
        (NuevaSituacion(tipo: .cambioDeJefe, fechaInicio: Fecha(2025, 2, 1)), posesion,
         ["jefeId": "Indique el nuevo jefe inmediato."]),
        (NuevaSituacion(tipo: .cambioDeJefe, fechaInicio: Fecha(2025, 2, 1), nuevoJefe: true, mismoJefeQueServidor: true), posesion,
         ["jefeId": "El servidor no puede ser su propio jefe inmediato."]),
        // Nothing can start before the posesión.
        (NuevaSituacion(tipo: .retiro, fechaInicio: Fecha(2024, 3, 14)), posesion,
         ["fechaInicio": "La fecha de inicio es anterior a la fecha de posesión (15/03/2024)."]),
        // Several problems at once, one message per field.
        (NuevaSituacion(tipo: .traslado, fechaInicio: Fecha(2024, 1, 10), fechaFin: Fecha(2024, 1, 5)), posesion, [
            "fechaFin": "Un traslado no lleva fecha final.",
            "dependenciaId": "Indique la dependencia de destino del traslado.",
            "fechaInicio": "La fecha de inicio es anterior a la fecha de posesión (15/03/2024).",
        ]),
    ])
    func validar(situacion: NuevaSituacion, posesion: Fecha?, errores: [String: String]) {
        #expect(situacion.validar(posesion: posesion) == errores)
    }

    @Test("Every separation without an end date is rejected, every other type without one is accepted", arguments: TipoSituacion.allCases)
    func fechaFinSegunTipo(tipo: TipoSituacion) {
        let s = NuevaSituacion(tipo: tipo, fechaInicio: Fecha(2025, 5, 5), nuevaDependencia: true, nuevoJefe: true)
        #expect((s.validar(posesion: nil)["fechaFin"] != nil) == tipo.esSeparacion)
        var conFin = s
        conFin.fechaFin = Fecha(2025, 5, 6)
        #expect((conFin.validar(posesion: nil)["fechaFin"] != nil) == !tipo.esSeparacion)
    }

    @Test("The missing-end message agrees with the situación's gender and number", arguments: [
        (TipoSituacion.encargo, "Indique hasta cuándo dura el encargo."),
        (.vacaciones, "Indique hasta cuándo duran las vacaciones."),
    ])
    func concordanciaDelMensaje(tipo: TipoSituacion, mensaje: String) {
        #expect(NuevaSituacion(tipo: tipo, fechaInicio: Fecha(2025, 1, 1)).validar(posesion: nil) == ["fechaFin": mensaje])
    }

    @Test("Days of separation are counted inclusively", arguments: [
        (TipoSituacion.licencia, Fecha(2025, 1, 1), Fecha?.some(Fecha(2025, 1, 31)), Int?.some(31)),
        (.vacaciones, Fecha(2025, 7, 1), Fecha(2025, 7, 1), 1),
        (.comision, Fecha(2024, 2, 1), Fecha(2024, 3, 1), 30),        // leap February
        (.comision, Fecha(2025, 2, 1), Fecha(2025, 3, 1), 29),
        (.encargo, Fecha(2025, 12, 15), Fecha(2026, 1, 14), 31),      // across the year
        (.suspension, Fecha(2025, 1, 1), Fecha(2025, 12, 31), 365),
        (.licencia, Fecha(2025, 1, 1), nil, nil),                     // no end yet
        (.traslado, Fecha(2025, 1, 1), Fecha(2025, 1, 31), nil),      // not a separation
        (.retiro, Fecha(2025, 1, 1), nil, nil),
    ])
    func diasDeSeparacion(tipo: TipoSituacion, inicio: Fecha, fin: Fecha?, dias: Int?) {
        #expect(NuevaSituacion(tipo: tipo, fechaInicio: inicio, fechaFin: fin).diasDeSeparacion == dias)
    }

    @Test("Each vinculación is evaluated with its instrument", arguments: [
        (TipoVinculacion.carrera, Instrumento.edl),
        (.periodoDePrueba, .edl),
        (.provisional, .gestionInstitucional),
        (.libreNombramiento, .gestionInstitucional),
        (.temporal, .gestionInstitucional),
        (.gerentePublico, .acuerdoDeGestion),
    ])
    func instrumento(vinculacion: TipoVinculacion, instrumento: Instrumento) {
        #expect(vinculacion.instrumento == instrumento)
    }

    @Test("The instrument table covers every vinculación")
    func instrumentoCompleto() {
        #expect(TipoVinculacion.allCases.count == 6)
        #expect(Set(TipoVinculacion.allCases.map(\.instrumento)) == Set(Instrumento.allCases))
    }
}
