import Testing
@testable import PactaCore

@Suite("Evaluación de la Gestión Institucional")
struct GestionInstitucionalTests {
    /// Seed 001, activities 4–15, written by hand: every permitted (estado, rol, acción) and where it leads.
    static let permitidas: [(EstadoGI, RolGI, AccionGI, EstadoGI)] = [
        (.formulacion, .evaluado, .guardarMetas, .formulacion),
        (.formulacion, .evaluado, .enviarMetas, .revisionMetas),
        (.revisionMetas, .jefe, .aprobar, .aceptacionMetas),
        (.revisionMetas, .jefe, .modificar, .aceptacionMetas),
        (.revisionMetas, .jefe, .rechazar, .formulacion),             // 5: no aprueba → 4
        (.aceptacionMetas, .evaluado, .aceptar, .autoevaluacion1),     // 6: acepta → 8
        (.aceptacionMetas, .evaluado, .noAceptar, .formulacion),       // 6: no acepta → 4
        (.autoevaluacion1, .evaluado, .guardarAutoevaluacion, .autoevaluacion1),
        (.autoevaluacion1, .evaluado, .enviarAutoevaluacion, .revision1),
        (.revision1, .jefe, .aprobar, .aceptacion1),
        (.revision1, .jefe, .modificar, .aceptacion1),
        (.revision1, .jefe, .rechazar, .autoevaluacion1),              // 9: no aprueba → 8
        (.aceptacion1, .evaluado, .aceptar, .autoevaluacion2),         // 10: acepta → 12
        (.aceptacion1, .evaluado, .noAceptar, .autoevaluacion1),       // 10: no acepta → 8
        (.autoevaluacion2, .evaluado, .guardarAutoevaluacion, .autoevaluacion2),
        (.autoevaluacion2, .evaluado, .enviarAutoevaluacion, .revision2),
        (.revision2, .jefe, .aprobar, .comportamentales),              // 13: aprueba → 14
        (.revision2, .jefe, .modificar, .comportamentales),
        (.revision2, .jefe, .rechazar, .autoevaluacion2),              // 13: no aprueba → 12
        (.comportamentales, .jefe, .calificarComportamentales, .aceptacionFinal),
        (.aceptacionFinal, .evaluado, .aceptar, .finalizada),          // 15: acepta → fin
        (.aceptacionFinal, .evaluado, .noAceptar, .autoevaluacion2),   // 15: no acepta → 12
        (.formulacion, .talentoHumano, .cerrar, .cerrada),
        (.revisionMetas, .talentoHumano, .cerrar, .cerrada),
        (.aceptacionMetas, .talentoHumano, .cerrar, .cerrada),
        (.autoevaluacion1, .talentoHumano, .cerrar, .cerrada),
        (.revision1, .talentoHumano, .cerrar, .cerrada),
        (.aceptacion1, .talentoHumano, .cerrar, .cerrada),
        (.autoevaluacion2, .talentoHumano, .cerrar, .cerrada),
        (.revision2, .talentoHumano, .cerrar, .cerrada),
        (.comportamentales, .talentoHumano, .cerrar, .cerrada),
        (.aceptacionFinal, .talentoHumano, .cerrar, .cerrada),
    ]

    @Test("Each permitted action leads to its state", arguments: permitidas)
    func permitida(estado: EstadoGI, rol: RolGI, accion: AccionGI, hacia: EstadoGI) throws {
        #expect(try FlujoGI.flujo.transicion(desde: estado, rol: rol, accion: accion) == hacia)
    }

    @Test("The hand-written table is exactly the workflow, and everything else is refused with the right reason")
    func exhaustivo() {
        let permitidas = Dictionary(uniqueKeysWithValues: Self.permitidas.map { ("\($0.0)|\($0.1)|\($0.2)", $0.3) })
        #expect(permitidas.count == Self.permitidas.count)
        for estado in EstadoGI.allCases { for rol in RolGI.allCases { for accion in AccionGI.allCases {
            let clave = "\(estado)|\(rol)|\(accion)"
            let r = Result { () throws(ErrorFlujoGI) in try FlujoGI.flujo.transicion(desde: estado, rol: rol, accion: accion) }
            switch r {
            case .success(let hacia):
                #expect(permitidas[clave] == hacia, "\(clave)")
            case .failure(let e):
                #expect(permitidas[clave] == nil, "\(clave)")
                let algunRol = RolGI.allCases.contains { FlujoGI.flujo.acciones(estado: estado, rol: $0).contains(accion) }
                #expect(e == (algunRol ? .rolNoAutorizado(rol: rol, accion: accion) : .accionNoPermitida(estado: estado, accion: accion)))
            }
        } } }
    }

    @Test("Out of turn and out of role, in Spanish")
    func mensajes() {
        #expect(ErrorFlujoGI.rolNoAutorizado(rol: .evaluado, accion: .aprobar).mensaje == "Como evaluado no puede aprobar.")
        #expect(ErrorFlujoGI.accionNoPermitida(estado: .finalizada, accion: .enviarMetas).mensaje
                == "No se puede enviar las metas al jefe inmediato: la evaluación está «Finalizada».")
    }

    @Test("A whole vigencia with one rejection of each kind ends finalizada")
    func vigenciaCompleta() throws {
        let pasos: [(RolGI, AccionGI)] = [
            (.evaluado, .enviarMetas), (.jefe, .rechazar), (.evaluado, .enviarMetas), (.jefe, .modificar),
            (.evaluado, .noAceptar), (.evaluado, .enviarMetas), (.jefe, .aprobar), (.evaluado, .aceptar),
            (.evaluado, .enviarAutoevaluacion), (.jefe, .aprobar), (.evaluado, .aceptar),
            (.evaluado, .enviarAutoevaluacion), (.jefe, .rechazar), (.evaluado, .enviarAutoevaluacion), (.jefe, .modificar),
            (.jefe, .calificarComportamentales), (.evaluado, .aceptar),
        ]
        var e = EstadoGI.formulacion
        for (rol, accion) in pasos { e = try FlujoGI.flujo.transicion(desde: e, rol: rol, accion: accion) }
        #expect(e == .finalizada)
    }

    // MARK: - Plan and deadlines

    static let plan2026: [String: Periodo] = Dictionary(uniqueKeysWithValues:
        DefinicionGI.preset.plan(anio: 2026).map { ($0.etapa.codigo, $0.periodo) })
    static let terminos = TerminosGI(definicion: .preset, calendario: .colombia, plan: plan2026)

    @Test("The preset validates and its plan de trabajo covers the vigencia and the following bimester")
    func preset() {
        #expect(DefinicionGI.preset.validar().isEmpty)
        #expect(Self.plan2026["formulacion"] == Periodo(inicio: Fecha(2026, 1, 15), fin: Fecha(2026, 3, 31)))
        #expect(Self.plan2026["seguimiento_2"] == Periodo(inicio: Fecha(2027, 1, 2), fin: Fecha(2027, 2, 28)))
        var d = DefinicionGI.preset
        d.base.componentes[0].peso = 80
        #expect(d.validar()["componentes"] != nil)
        d = .preset
        d.etapas.removeAll { $0.codigo == "seguimiento_1" }
        #expect(d.validar()["etapas"] != nil)
        d = .preset
        d.base.plazos["aceptacion"] = nil
        #expect(d.validar()["plazos"] != nil)
    }

    @Test("Formulación: the plan's window, or 15 días hábiles from posesión for who arrives later", arguments: [
        (Fecha?.none, Fecha(2026, 3, 31)),
        (Fecha(2025, 8, 1), Fecha(2026, 3, 31)),   // already in the entity
        (Fecha(2026, 3, 20), Fecha(2026, 4, 15)),  // 23 Mar, 2–3 Apr are holidays
        (Fecha(2026, 9, 1), Fecha(2026, 9, 22)),
    ])
    func formulacion(posesion: Fecha?, vence: Fecha) {
        #expect(Self.terminos.formulacion(posesion: posesion) == vence)
    }

    @Test("A self-assessment is sent from its window on")
    func ventanaAutoevaluacion() throws {
        #expect(throws: ErrorFlujoGI.antesDeTiempo(accion: .enviarAutoevaluacion, desde: Fecha(2026, 6, 1))) {
            try Self.terminos.verificarAutoevaluacion(seguimiento: 1, hoy: Fecha(2026, 5, 29))
        }
        try Self.terminos.verificarAutoevaluacion(seguimiento: 1, hoy: Fecha(2026, 6, 1))
        #expect(throws: ErrorFlujoGI.antesDeTiempo(accion: .enviarAutoevaluacion, desde: Fecha(2027, 1, 2))) {
            try Self.terminos.verificarAutoevaluacion(seguimiento: 2, hoy: Fecha(2026, 12, 30))
        }
    }

    static let pendientes: [(EstadoGI, Fecha?, Fecha?, Fecha?, Fecha, [String])] = [
        (.formulacion, nil, nil, nil, Fecha(2026, 2, 2),
         ["evaluado: Formular las metas y objetivos y enviarlas al jefe inmediato · 31/03/2026"]),
        (.formulacion, nil, nil, nil, Fecha(2026, 4, 1),
         ["evaluado: Formular las metas y objetivos y enviarlas al jefe inmediato · 31/03/2026",
          "talento_humano: Hacer seguimiento: metas sin formular a tiempo · —"]),
        // The jefe has 5 días hábiles from the sending: 31 Mar, 1, 6, 7, 8 Apr (2–3 Apr are Semana Santa).
        (.revisionMetas, nil, Fecha(2026, 3, 30), nil, Fecha(2026, 3, 31),
         ["jefe: Aprobar, rechazar o modificar las metas y objetivos · 08/04/2026"]),
        (.aceptacionMetas, nil, Fecha(2026, 3, 30), Fecha(2026, 4, 6), Fecha(2026, 4, 6),
         ["evaluado: Aceptar o no las metas aprobadas por el jefe · 09/04/2026"]),
        // Before its window, the first seguimiento is not due yet.
        (.autoevaluacion1, nil, nil, nil, Fecha(2026, 5, 4), []),
        (.autoevaluacion1, nil, nil, nil, Fecha(2026, 6, 1),
         ["evaluado: Autoevaluar el primer seguimiento y enviarlo al jefe inmediato · 15/07/2026"]),
        (.autoevaluacion2, nil, nil, nil, Fecha(2027, 3, 1),
         ["evaluado: Autoevaluar el segundo seguimiento y enviarlo al jefe inmediato · 28/02/2027",
          "talento_humano: Hacer seguimiento: segundo seguimiento sin autoevaluar a tiempo · —"]),
        (.comportamentales, nil, Fecha(2027, 2, 10), Fecha(2027, 2, 12), Fecha(2027, 2, 12),
         ["jefe: Calificar las competencias comportamentales · 19/02/2027"]),
        (.finalizada, nil, nil, nil, Fecha(2027, 3, 1), []),
        (.cerrada, nil, nil, nil, Fecha(2026, 5, 1), []),
    ]

    @Test("What is due at each stage, from whom and by when", arguments: pendientes)
    func queSeDebe(estado: EstadoGI, posesion: Fecha?, enviada: Fecha?, revisada: Fecha?, hoy: Fecha, esperado: [String]) {
        let foto = Self.terminos.foto(estado: estado, posesion: posesion, enviada: enviada, revisada: revisada)
        let r = Self.terminos.pendientes(foto, hoy: hoy).map { "\($0.rol.rawValue): \($0.tarea) · \($0.vence?.texto ?? "—")" }
        #expect(r == esperado)
    }

    static let atrasos: [(EstadoGI, Fecha?, Fecha?, Fecha, Bool)] = [
        // Formulación: behind once the plan's window closed (31 Mar), when Talento Humano is to follow it up.
        (.formulacion, nil, nil, Fecha(2026, 3, 31), false),
        (.formulacion, nil, nil, Fecha(2026, 4, 1), true),
        // The jefe's 5 días hábiles from the sending end on 8 Apr.
        (.revisionMetas, Fecha(2026, 3, 30), nil, Fecha(2026, 4, 8), false),
        (.revisionMetas, Fecha(2026, 3, 30), nil, Fecha(2026, 4, 9), true),
        // The evaluado's 3 from the jefe's answer end on 9 Apr.
        (.aceptacionMetas, Fecha(2026, 3, 30), Fecha(2026, 4, 6), Fecha(2026, 4, 9), false),
        (.aceptacionMetas, Fecha(2026, 3, 30), Fecha(2026, 4, 6), Fecha(2026, 4, 10), true),
        // Nothing due before the first seguimiento's window, nor once finished.
        (.autoevaluacion1, nil, nil, Fecha(2026, 5, 4), false),
        (.autoevaluacion1, nil, nil, Fecha(2026, 7, 16), true),
        (.finalizada, nil, nil, Fecha(2027, 6, 1), false),
    ]

    @Test("Behind schedule at the control point: a deadline passed, or Talento Humano's follow-up is due", arguments: atrasos)
    func atrasada(estado: EstadoGI, enviada: Fecha?, revisada: Fecha?, hoy: Fecha, esperado: Bool) {
        let foto = Self.terminos.foto(estado: estado, posesion: nil, enviada: enviada, revisada: revisada)
        #expect(TerminosGI.atrasada(Self.terminos.pendientes(foto, hoy: hoy), hoy: hoy) == esperado)
    }

    // MARK: - Metas

    static func meta(_ id: String, peso: Int, p1: Int = 50, p2: Int = 100, l1: Int? = nil, l2: Int? = nil) -> MetaGI {
        MetaGI(id: id, descripcion: "Meta \(id)", producto: "Informe \(id)", evidencias: "Actas", peso: Puntaje(peso),
               pactado1: Puntaje(p1), pactado2: Puntaje(p2), logrado1: l1.map { Puntaje($0) }, logrado2: l2.map { Puntaje($0) })
    }

    @Test("Formulated metas: count, fields, weights summing 100 and what is agreed per seguimiento")
    func validacion() {
        let c = DefinicionGI.preset.metas
        #expect(MetasGI.validar([Self.meta("a", peso: 60), Self.meta("b", peso: 40)], componente: c).isEmpty)
        #expect(MetasGI.validar([], componente: c)["metas"] == "Se requieren de 1 a 10 metas y objetivos; hay 0.")
        #expect(MetasGI.validar([Self.meta("a", peso: 60), Self.meta("b", peso: 30)], componente: c)["pesos"]
                == "Los pesos deben sumar exactamente 100 %; suman 90,00 %.")
        var sinProducto = Self.meta("a", peso: 100)
        sinProducto.producto = "  "
        #expect(MetasGI.validar([sinProducto], componente: c)["metas[1].producto"] != nil)
        #expect(MetasGI.validar([Self.meta("a", peso: 100, p1: 80, p2: 60)], componente: c)["metas[1].pactado2"]
                == "En la meta 1, lo pactado para el segundo seguimiento no puede ser menor que para el primero.")
        #expect(MetasGI.validar([Self.meta("a", peso: 100, p2: 0)], componente: c)["metas[1].pactado2"] != nil)
        #expect(MetasGI.validar([Self.meta("a", peso: 50), Self.meta("a", peso: 50)], componente: c)["metas"] != nil)
        #expect(MetasGI.validarAutoevaluacion([Self.meta("a", peso: 100, l1: 40)], seguimiento: 1).isEmpty)
        #expect(MetasGI.validarAutoevaluacion([Self.meta("a", peso: 100, l1: 40)], seguimiento: 2)["metas[1].logrado"] != nil)
    }

    @Test("A modification shows exactly what changed, meta by meta")
    func diferencias() {
        let antes = [Self.meta("a", peso: 60), Self.meta("b", peso: 40)]
        var a2 = Self.meta("a", peso: 50)
        a2.producto = "Informe trimestral"
        let despues = [a2, Self.meta("c", peso: 50)]
        #expect(MetasGI.diferencias(antes: antes, despues: despues) == [
            CambioMeta(meta: "Meta a", campo: "Producto o resultado", antes: "Informe a", despues: "Informe trimestral"),
            CambioMeta(meta: "Meta a", campo: "Peso", antes: "60,00 %", despues: "50,00 %"),
            CambioMeta(meta: "Meta c", campo: "Meta agregada", antes: "—", despues: "Meta c"),
            CambioMeta(meta: "Meta b", campo: "Meta retirada", antes: "Meta b", despues: "—"),
        ])
        #expect(MetasGI.diferencias(antes: antes, despues: antes).isEmpty)
        #expect(MetasGI.validarModificacion(antes: antes, despues: antes) == ["metas": "No hay cambios: si está de acuerdo, use «Aprobar»."])
        #expect(MetasGI.validarModificacion(antes: antes, despues: despues).isEmpty)
        let conLogro = [Self.meta("a", peso: 100, l1: 45)]
        #expect(MetasGI.diferencias(antes: conLogro, despues: [Self.meta("a", peso: 100, l1: 30)])
                == [CambioMeta(meta: "Meta a", campo: "Logrado primer seguimiento", antes: "45,00 %", despues: "30,00 %")])
    }

    static let seguimientos: [([MetaGI], Int, Puntaje?)] = [
        // 60 × 40/50 + 40 × 50/50 = 48 + 40.
        ([meta("a", peso: 60, l1: 40), meta("b", peso: 40, l1: 50)], 1, Puntaje(88)),
        // Achieving more than agreed counts as 100 % of the meta.
        ([meta("a", peso: 60, l1: 70), meta("b", peso: 40, l1: 50)], 1, Puntaje(100)),
        // A meta with nothing agreed for the first seguimiento is left out of it: 40/50.
        ([meta("a", peso: 60, p1: 0), meta("b", peso: 40, l1: 40)], 1, Puntaje(80)),
        // Not every figure in yet.
        ([meta("a", peso: 60, l1: 40), meta("b", peso: 40)], 1, nil),
        // 33,33 × 100/100 + 33,33 × 50/100 + 33,34 × 0 = 33,33 + 16,665 → 50,00 (rounded once, at the end: 49,995).
        ([MetaGI(id: "a", descripcion: "a", producto: "a", evidencias: "a", peso: Puntaje(centesimas: 3333), pactado1: .cero, pactado2: .cien, logrado2: .cien),
          MetaGI(id: "b", descripcion: "b", producto: "b", evidencias: "b", peso: Puntaje(centesimas: 3333), pactado1: .cero, pactado2: .cien, logrado2: Puntaje(50)),
          MetaGI(id: "c", descripcion: "c", producto: "c", evidencias: "c", peso: Puntaje(centesimas: 3334), pactado1: .cero, pactado2: .cien, logrado2: .cero)],
         2, Puntaje(centesimas: 5000)),
    ]

    @Test("Fulfilment of a seguimiento: Σ peso × min(logrado / pactado, 1)", arguments: seguimientos)
    func seguimiento(metas: [MetaGI], n: Int, esperado: Puntaje?) {
        #expect(CalificacionGI.seguimiento(metas, n) == esperado)
    }

    @Test("The result weighs metas and comportamentales by the definition, and places it on the scale")
    func resultado() {
        let metas = [Self.meta("a", peso: 60, l2: 80), Self.meta("b", peso: 40, l2: 100)]   // 88
        let comp = [Puntaje(90), Puntaje(80), Puntaje(70)]                                  // 80
        let r = CalificacionGI.resultado(metas: metas, comportamentales: comp, definicion: .preset)
        #expect(r == Puntaje(centesimas: 8680))   // 0,85 × 88 + 0,15 × 80
        #expect(DefinicionGI.preset.base.escala.nivel(para: r!).nombre == "Satisfactorio")
        #expect(CalificacionGI.resultado(metas: metas, comportamentales: [], definicion: .preset) == nil)
        var soloMetas = DefinicionGI.preset
        soloMetas.base.componentes = [Componente(codigo: "metas", nombre: "Metas", peso: 100, cantidad: Rango(1, 10))]
        #expect(CalificacionGI.resultado(metas: metas, comportamentales: [], definicion: soloMetas) == Puntaje(88))
        #expect(CalificacionGI.requiereMejoramiento(Puntaje(centesimas: 7999), umbral: DefinicionGI.preset.umbralMejoramiento))
        #expect(!CalificacionGI.requiereMejoramiento(Puntaje(80), umbral: DefinicionGI.preset.umbralMejoramiento))
    }

    @Test("Evidencias: evaluado and jefe bring them from the agreed metas until the result is accepted; nobody before or after")
    func evidencias() {
        let abiertas: Set<EstadoGI> = [.autoevaluacion1, .revision1, .aceptacion1, .autoevaluacion2, .revision2, .comportamentales, .aceptacionFinal]
        for estado in EstadoGI.allCases {
            for rol in RolGI.allCases {
                let esperado = abiertas.contains(estado) && (rol == .evaluado || rol == .jefe)
                #expect(FlujoGI.registraEvidencias(estado: estado, rol: rol) == esperado, "\(estado) \(rol)")
            }
        }
    }
}
