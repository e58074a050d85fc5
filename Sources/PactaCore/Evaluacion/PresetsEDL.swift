/// The two EDL instruments Pacta ships; Talento Humano copies one and edits it (DOMAIN.md §4).
public enum PresetEDL: String, CaseIterable, Sendable, Codable {
    case cnscSistemaTipo2018 = "cnsc_2018"
    case semestralGTH = "semestral_gth"

    public var definicion: DefinicionEDL {
        switch self {
        case .cnscSistemaTipo2018: .cnscSistemaTipo2018
        case .semestralGTH: .semestralGTH
        }
    }
}

extension Escala {
    /// Acuerdo CNSC 20181000006176 de 2018: Sobresaliente ≥ 90, Satisfactorio > 65 y < 90, No satisfactorio ≤ 65.
    public static let cnsc2018 = Escala(niveles: [
        NivelEscala(codigo: "no_satisfactorio", nombre: "No satisfactorio", desde: .cero, satisfactorio: false),
        NivelEscala(codigo: "satisfactorio", nombre: "Satisfactorio", desde: Puntaje(centesimas: 6501), satisfactorio: true),
        NivelEscala(codigo: "sobresaliente", nombre: "Sobresaliente", desde: Puntaje(90), satisfactorio: true),
    ])

    /// Seed 003: No satisfactoria below 66; the other cutoffs are defaults the entity edits.
    public static let semestralGTH = Escala(niveles: [
        NivelEscala(codigo: "no_satisfactoria", nombre: "No satisfactoria", desde: .cero, satisfactorio: false),
        NivelEscala(codigo: "satisfactoria", nombre: "Satisfactoria", desde: Puntaje(66), satisfactorio: true),
        NivelEscala(codigo: "destacado", nombre: "Destacado", desde: Puntaje(80), satisfactorio: true),
        NivelEscala(codigo: "sobresaliente", nombre: "Sobresaliente", desde: Puntaje(90), satisfactorio: true),
    ])
}

extension DefinicionEDL {
    static let formatosGTH: [String: String] = [
        FormatoEDL.fijacion.rawValue: "GTH-F-045",
        FormatoEDL.seguimiento.rawValue: "GTH-F-046",
        FormatoEDL.planDeMejoramiento.rawValue: "GTH-F-047",
        FormatoEDL.comportamentales.rawValue: "GTH-F-048",
        FormatoEDL.consolidacion.rawValue: "GTH-F-049",
        FormatoEDL.parcial.rawValue: "GTH-F-050",
        FormatoEDL.extraordinaria.rawValue: "GTH-F-051",
    ]

    /// CNSC Sistema Tipo 2018: annual period 1 Feb–31 Jan in two semesters, 85 % funcionales + 15 % comportamentales.
    public static let cnscSistemaTipo2018 = DefinicionEDL(
        nombre: "Sistema Tipo CNSC 2018",
        descripcion: "Acuerdo CNSC 20181000006176 de 2018: período anual del 1 de febrero al 31 de enero en dos semestres.",
        vinculaciones: [.carrera, .periodoDePrueba],
        periodos: [
            PlantillaPeriodo(codigo: "anual", nombre: "Período anual", tramos: [
                PlantillaTramo(nombre: "Primer semestre", inicio: MesDia(2, 1), fin: MesDia(7, 31)),
                PlantillaTramo(nombre: "Segundo semestre", inicio: MesDia(8, 1), fin: MesDia(1, 31, anioSiguiente: true)),
            ]),
        ],
        plazos: PlazosEDL(concertacion: .diasHabiles(15), fijacionPorEvaluador: .diasHabiles(3),
                          calificacion: .diasHabiles(15), parcial: .diasHabiles(10), notificacion: .diasHabiles(2),
                          recursos: .diasHabiles(5), resolucionRecurso: .diasHabiles(15)),
        funcionales: Rango(1, 5), funcionalesEnPrueba: Rango(1, 3), comportamentales: Rango(3, 5),
        pesoFuncional: 85, pesoComportamental: 15, puntosComportamentales: Rango(4, 15),
        escala: .cnsc2018, puntajeMinimoSatisfactorio: Puntaje(66),
        firmantes: [.evaluador, .evaluado, .comision],
        semestralEsDefinitiva: false,
        formatos: formatosGTH)

    /// The seed-003 entity: two semesters (1 Jan–30 Jun, 1 Jul–31 Dec) rated in August and February,
    /// concertación during the first month, comportamentales without weight, four-level scale.
    public static let semestralGTH = DefinicionEDL(
        nombre: "Semestral con cuatro niveles (procedimiento GTH)",
        descripcion: "Dos semestres calificados en agosto y febrero; los comportamentales no inciden en la calificación.",
        vinculaciones: [.carrera, .periodoDePrueba, .libreNombramiento],
        periodos: [
            PlantillaPeriodo(codigo: "semestre_1", nombre: "Primer semestre", tramos: [
                PlantillaTramo(nombre: "Primer semestre", inicio: MesDia(1, 1), fin: MesDia(6, 30)),
            ]),
            PlantillaPeriodo(codigo: "semestre_2", nombre: "Segundo semestre", tramos: [
                PlantillaTramo(nombre: "Segundo semestre", inicio: MesDia(7, 1), fin: MesDia(12, 31)),
            ]),
        ],
        plazos: PlazosEDL(concertacion: .finDeMes(meses: 0), fijacionPorEvaluador: .diasHabiles(3),
                          calificacion: .finDeMes(meses: 2), parcial: .diasHabiles(10), notificacion: .diasHabiles(5),
                          recursos: .diasHabiles(5), resolucionRecurso: .diasHabiles(15)),
        funcionales: Rango(1, 5), funcionalesEnPrueba: Rango(1, 3), comportamentales: Rango(1, 5),
        pesoFuncional: 100, pesoComportamental: 0, puntosComportamentales: Rango(0, 0),
        escala: .semestralGTH, puntajeMinimoSatisfactorio: Puntaje(66),
        firmantes: [.evaluador, .evaluado],
        semestralEsDefinitiva: true,
        formatos: formatosGTH)
}
