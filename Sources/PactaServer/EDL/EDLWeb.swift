import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Vapor

/// The EDL pages: the module's home (instruments, periods, one's own evaluations), an instrument's
/// form, a period's list, the evaluation workbench (EDLWeb+Evaluacion.swift) and the notices.
/// Every handler calls the same services as `EDLAPI`; a person's mistake shows the page again with
/// the message next to the field and their input kept, with the error's status.
enum EDLWeb {
    static func register(_ r: any RoutesBuilder) {
        let edl = r.grouped("edl")
        edl.get(use: inicio)
        edl.post("instrumentos", use: crearInstrumento)
        edl.get("instrumentos", ":id", use: instrumento)
        edl.post("instrumentos", ":id", use: actualizarInstrumento)
        edl.post("periodos", use: abrirPeriodo)
        edl.get("periodos", ":id", use: periodo)
        edl.post("periodos", ":id", "comision", use: comisionPeriodo)
        edl.post("periodos", ":id", "incorporaciones", use: incorporar)
        edl.get("evaluaciones", ":id", use: evaluacion)
        let participantes = edl.grouped(SoloParticipantesEDLMiddleware())
        participantes.post("evaluaciones", ":id", "compromisos", use: compromisos)
        participantes.post("evaluaciones", ":id", "acciones", use: accion)
        participantes.post("evaluaciones", ":id", "calificaciones", use: calificar)
        participantes.post("evaluaciones", ":id", "minimo", use: minimo)
        participantes.post("evaluaciones", ":id", "comision", use: comision)
        participantes.post("evaluaciones", ":id", "extraordinaria", use: extraordinaria)
        participantes.post("evaluaciones", ":id", "parciales", ":tramo", "evaluador", use: designar)
        participantes.on(.POST, "evaluaciones", ":id", "evidencias", body: .collect(maxSize: "11mb"), use: evidencia)
        edl.get("evaluaciones", ":id", "evidencias", ":evidencia", "archivo", use: archivo)
        participantes.post("evaluaciones", ":id", "plan", use: accionDeMejora)
        participantes.post("evaluaciones", ":id", "plan", ":accion", "seguimientos", use: seguimientoDeMejora)
        r.get("avisos", use: avisos)
        r.post("avisos", "leidos", use: marcarLeidos)
    }

    // MARK: - Shared pieces

    struct Barra: Encodable { let estado: String; let etiqueta: String; let valor: Int; let total: Int; let porcentaje: Int; let enlace: String }

    static func barras(_ porEstado: [EstadoEDL: Int], periodoID: UUID) -> [Barra] {
        let total = porEstado.values.reduce(0, +)
        return EstadoEDL.allCases.compactMap { e in
            let n = porEstado[e] ?? 0
            guard n > 0 || e.orden <= EstadoEDL.enFirme.orden else { return nil }
            return Barra(estado: e.rawValue, etiqueta: e.nombre, valor: n, total: max(total, 1),
                         porcentaje: total == 0 ? 0 : Int((Double(n) * 100 / Double(total)).rounded()),
                         enlace: "/edl/periodos/\(periodoID.uuidString)?estado=\(e.rawValue)")
        }
    }

    static func opcionesSiNo(_ valor: Bool) -> [Opcion] {
        [Opcion(valor: "si", texto: "Sí", elegida: valor), Opcion(valor: "no", texto: "No", elegida: !valor)]
    }

    // MARK: - What is due, for many evaluations at once

    struct PendienteVista: Encodable, Sendable {
        let evaluacionId: UUID
        let tarea: String
        let rol: String
        let vence: String?
        let venceTexto: String?
        let diasHabiles: Int?
        let plazo: String
        let vencido: Bool
        let mio: Bool
    }

    /// What is due on each evaluation as of `hoy`, marking what is due from `actor`, with a fixed
    /// number of queries whatever the number of evaluations (periods, stretches, separations, recursos).
    static func pendientes(_ evs: [EvaluacionEDL], _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> [UUID: [PendienteVista]] {
        guard !evs.isEmpty else { return [:] }
        let calendario = try await CalendarioService.calendario(actor.entidadID, on: db)
        var contextos: [UUID: (periodo: PeriodoEDL, definicion: DefinicionEDL, terminos: Terminos)] = [:]
        for p in try await PeriodoEDL.query(on: db).filter(\.$id ~~ Set(evs.map { $0.$periodo.id })).all() {
            let d = try p.definicion
            contextos[p.id!] = (p, d, Terminos(definicion: d, calendario: calendario))
        }
        let lote = try await FotosEDL.lote(evs, on: db)
        // The superior resolves the apelación: the jefe of the evaluador.
        var jefeDe: [UUID: UUID] = [:]
        let evaluadoresEnApelacion = Set(evs.filter { $0.estado == .enApelacion }.compactMap { $0.$evaluador.id })
        if !evaluadoresEnApelacion.isEmpty {
            for s in try await Servidor.query(on: db).filter(\.$id ~~ evaluadoresEnApelacion).all() {
                if let j = s.$jefe.id { jefeDe[s.id!] = j }
            }
        }

        var r: [UUID: [PendienteVista]] = [:]
        for ev in evs {
            guard let id = ev.id, let ctx = contextos[ev.$periodo.id] else { continue }
            var roles = Set<RolEDL>()
            if let yo = actor.servidorID {
                if ev.$servidor.id == yo { roles.insert(.evaluado) }
                if ev.$evaluador.id == yo { roles.insert(.evaluador) }
                if ev.$comision.id == yo { roles.insert(.comision) }
                if let e = ev.$evaluador.id, e != yo, jefeDe[e] == yo { roles.insert(.superior) }
            }
            if actor.puede(.gestionarEvaluaciones) && !roles.contains(.evaluado) { roles.insert(.talentoHumano) }
            let propios = lote.tramos[id] ?? []
            let foto = FotosEDL.foto(ev, periodo: ctx.periodo, definicion: ctx.definicion, lote: lote)
            let debeParcial = propios.contains { $0.estado == .abierto && $0.$evaluador.id != nil && $0.$evaluador.id == actor.servidorID }
            r[id] = Pendientes.calcular(foto, terminos: ctx.terminos, hoy: hoy).map { p in
                let dias = p.vence.map { ctx.terminos.calendario.diasHabilesRestantes(hoy: hoy, vence: $0) }
                let vencido = p.vence.map { hoy > $0 } ?? false
                return PendienteVista(evaluacionId: id, tarea: p.tarea, rol: p.rol.nombre, vence: p.vence?.iso, venceTexto: p.vence?.texto,
                                      diasHabiles: dias, plazo: Debido<RolEDL>.textoPlazo(dias: dias, vencido: vencido), vencido: vencido,
                                      mio: p.esParcial ? debeParcial : roles.contains(p.rol))
            }
        }
        return r
    }

    // MARK: - /edl

    struct FilaInstrumento: Encodable { let id: UUID; let nombre: String; let origen: String; let activo: String; let vinculaciones: String; let escala: String }
    struct FilaPeriodo: Encodable {
        let id: UUID; let nombre: String; let instrumento: String; let inicio: String; let fin: String
        let total: Int; let concertadas: Int; let porcentajeConcertadas: Int; let atrasadas: Int; let barras: [Barra]
    }
    struct MiEvaluacion: Encodable {
        let id: UUID; let periodo: String; let servidor: String; let evaluador: String; let roles: String; let estado: String
        let puntaje: String?; let pendientes: [PendienteVista]
    }
    struct GrupoPlantillas: Encodable { let instrumento: String; let opciones: [Opcion] }

    struct Inicio: Encodable {
        let gestiona: Bool
        let ve: Bool
        let tieneServidor: Bool
        let instrumentos: [FilaInstrumento]
        let presets: [Opcion]
        let periodos: [FilaPeriodo]
        let instrumentosActivos: [Opcion]
        let plantillas: [GrupoPlantillas]
        let mias: [MiEvaluacion]
        let instrumento: EstadoFormulario
        let apertura: EstadoFormulario
        /// A refusal whose form this person does not see.
        let error: String?
    }

    static func paginaInicio(_ req: Request, instrumento: EstadoFormulario = EstadoFormulario(), apertura: EstadoFormulario = EstadoFormulario(), status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let hoy = req.hoy
        let gestiona = actor.puede(.gestionarEvaluaciones)
        let ve = gestiona || actor.puede(.verEvaluaciones)
        guard ve || actor.servidorID != nil else { throw PactaError.prohibido("La evaluación del desempeño es para servidores, Talento Humano y Control Interno.") }

        var instrumentos: [InstrumentoEDL] = []
        var periodos: [FilaPeriodo] = []
        if ve {
            instrumentos = try await InstrumentosEDLService.listar(actor, on: req.db)
            for p in try await PeriodosEDLService.listar(actor, on: req.db) {
                let conteo = try await PeriodosEDLService.conteoPorEstado(p.id!, on: req.db)
                let total = conteo.values.reduce(0, +)
                let concertadas = conteo.filter { $0.key.concertada }.values.reduce(0, +)
                let atrasadas = try await EvaluacionEDL.query(on: req.db).filter(\.$periodo.$id == p.id!)
                    .filter(\.$estado ~~ [.porConcertar, .porFirmar]).filter(\.$venceConcertacion < hoy.iso).count()
                periodos.append(FilaPeriodo(id: p.id!, nombre: p.nombre, instrumento: p.instrumento.nombre,
                                            inicio: Fecha(iso: p.inicio)?.texto ?? p.inicio, fin: Fecha(iso: p.fin)?.texto ?? p.fin,
                                            total: total, concertadas: concertadas,
                                            porcentajeConcertadas: total == 0 ? 0 : Int((Double(concertadas) * 100 / Double(total)).rounded()),
                                            atrasadas: atrasadas, barras: barras(conteo, periodoID: p.id!)))
            }
        }
        var filas: [FilaInstrumento] = []
        var grupos: [GrupoPlantillas] = []
        for i in instrumentos {
            guard let d = try? i.definicion else { continue }
            filas.append(FilaInstrumento(id: i.id!, nombre: i.nombre, origen: PresetEDL(rawValue: i.origen)?.definicion.nombre ?? i.origen,
                                         activo: i.activo ? "Activo" : "Inactivo", vinculaciones: d.vinculaciones.map(\.nombre).joined(separator: ", "),
                                         escala: d.escala.niveles.map { "\($0.nombre) desde \($0.desde.texto)" }.joined(separator: "; ")))
            if i.activo {
                grupos.append(GrupoPlantillas(instrumento: i.nombre, opciones: d.periodos.map {
                    Opcion(valor: $0.codigo, texto: "\($0.nombre) (\(i.nombre))", elegida: $0.codigo == apertura.valores["plantilla"]) }))
            }
        }

        var mias: [MiEvaluacion] = []
        if actor.servidorID != nil {
            let evs = try await ListadoEDL.mias(actor, on: req.db)
            let resumenes = try await EDLVistas.resumenes(evs, on: req.db)
            let pend = try await pendientes(evs, actor, hoy: hoy, on: req.db)
            let nombresPeriodo = Dictionary(uniqueKeysWithValues: try await PeriodoEDL.query(on: req.db)
                .filter(\.$id ~~ Set(evs.map { $0.$periodo.id })).all().map { ($0.id!, $0.nombre) })
            for (ev, res) in zip(evs, resumenes) {
                var roles: [String] = []
                if ev.$servidor.id == actor.servidorID { roles.append("Evaluado(a)") }
                if ev.$evaluador.id == actor.servidorID { roles.append("Evaluador(a)") }
                if ev.$comision.id == actor.servidorID { roles.append("Comisión evaluadora") }
                if roles.isEmpty { roles.append(ev.estado == .enApelacion ? "Superior del evaluador" : "Evaluador(a) de la evaluación parcial pendiente") }
                mias.append(MiEvaluacion(id: res.id, periodo: nombresPeriodo[ev.$periodo.id] ?? "", servidor: res.servidor, evaluador: res.evaluador,
                                         roles: roles.joined(separator: ", "), estado: res.estadoNombre,
                                         puntaje: res.puntajeTexto.map { "\($0) (\(res.nivelResultado ?? ""))" }, pendientes: pend[res.id] ?? []))
            }
        }
        var aperturaBolsa = apertura
        if aperturaBolsa.valores["anio"] == nil { aperturaBolsa.valores["anio"] = String(hoy.anio) }
        return try await req.pagina("edl/inicio", "Evaluación del desempeño laboral", Inicio(
            gestiona: gestiona, ve: ve, tieneServidor: actor.servidorID != nil, instrumentos: filas,
            presets: PresetEDL.allCases.map { Opcion(valor: $0.rawValue, texto: $0.definicion.nombre, elegida: $0.rawValue == instrumento.valores["preset"]) },
            periodos: periodos,
            instrumentosActivos: instrumentos.filter(\.activo).map { Opcion(valor: $0.id!.uuidString, texto: $0.nombre, elegida: $0.id!.uuidString == apertura.valores["instrumentoId"]) },
            plantillas: grupos, mias: mias, instrumento: instrumento, apertura: aperturaBolsa,
            error: gestiona ? nil : (instrumento.mensaje ?? apertura.mensaje)), status: status)
    }

    @Sendable static func inicio(req: Request) async throws -> Response { try await paginaInicio(req) }

    @Sendable static func crearInstrumento(req: Request) async throws -> Response {
        let input = try req.content.decode(InstrumentosEDLService.CrearInput.self)
        do {
            let i = try await InstrumentosEDLService.crear(input, req.actor(), on: req.db)
            req.avisar("Se creó el instrumento «\(i.nombre)». Revise sus parámetros antes de abrir un período.")
            return req.redirect(to: "/edl/instrumentos/\(i.id!.uuidString)", redirectType: .normal)
        } catch let e as PactaError {
            return try await paginaInicio(req, instrumento: EstadoFormulario(e, valores: ["preset": input.preset ?? "", "nombre": input.nombre ?? ""]), status: e.status)
        }
    }

    @Sendable static func abrirPeriodo(req: Request) async throws -> Response {
        let input = try req.content.decode(PeriodosEDLService.AbrirInput.self)
        do {
            let a = try await PeriodosEDLService.abrir(input, req.actor(), hoy: req.hoy, on: req.db)
            var texto = "Se abrió el \(a.periodo.nombre): \(a.creadas) evaluación(es) creada(s)."
            if a.sinEvaluador > 0 { texto += " \(a.sinEvaluador) servidor(es) sin jefe inmediato quedaron sin evaluador." }
            if a.omitidos > 0 { texto += " \(a.omitidos) servidor(es) con 30 días o menos en el período se calificarán con el siguiente." }
            req.avisar(texto)
            return req.redirect(to: "/edl/periodos/\(a.periodo.id!.uuidString)", redirectType: .normal)
        } catch let e as PactaError {
            return try await paginaInicio(req, apertura: EstadoFormulario(e, valores: ["instrumentoId": input.instrumentoId ?? "", "plantilla": input.plantilla ?? "",
                                                                            "anio": input.anio ?? ""]), status: e.status)
        }
    }

    // MARK: - /edl/instrumentos/:id

    struct CampoNumero: Encodable {
        let campo: String; let etiqueta: String; let valor: String; let ayuda: String?; let error: String?
        var describe: String? {
            let ids = [ayuda.map { _ in "\(campo)-ayuda" }, error.map { _ in "\(campo)-error" }].compactMap { $0 }
            return ids.isEmpty ? nil : ids.joined(separator: " ")
        }
        enum CodingKeys: String, CodingKey { case campo, etiqueta, valor, ayuda, error, describe }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(campo, forKey: .campo); try c.encode(etiqueta, forKey: .etiqueta); try c.encode(valor, forKey: .valor)
            try c.encodeIfPresent(ayuda, forKey: .ayuda); try c.encodeIfPresent(error, forKey: .error); try c.encodeIfPresent(describe, forKey: .describe)
        }
    }
    struct Grupo: Encodable { let titulo: String; let campos: [CampoNumero] }
    struct FilaNivel: Encodable { let i: Int; let n: Int; let nombre: String; let desde: String; let satisfactorio: Bool }
    struct FilaFormato: Encodable { let clave: String; let nombre: String; let codigo: String }
    struct NivelVista: Encodable { let nombre: String; let desde: String; let hasta: String; let satisfactorio: String }

    struct FormInstrumento: Encodable {
        let id: UUID
        let titulo: String
        let origen: String
        let puedeEditar: Bool
        let v: InstrumentosEDLService.EdicionInput
        let vinculaciones: [Opcion]
        let grupos: [Grupo]
        let niveles: [FilaNivel]
        let formatos: [FilaFormato]
        let escala: [NivelVista]
        let periodos: [String]
        let comision: [Opcion]
        let activo: [Opcion]
        let firmantes: String
        let bolsa: EstadoFormulario
    }

    /// The definition as the form's strings. Deadlines that are not días hábiles ("until the end of the
    /// month") stay empty: an empty field keeps the current rule.
    static func edicion(_ d: DefinicionEDL, activo: Bool) -> InstrumentosEDLService.EdicionInput {
        func dias(_ p: Plazo) -> String? { if case .diasHabiles(let n) = p { String(n) } else { nil } }
        return .init(nombre: d.nombre, descripcion: d.descripcion, vinculaciones: d.vinculaciones.map(\.rawValue),
                     funcionalesMin: String(d.funcionales.minimo), funcionalesMax: String(d.funcionales.maximo),
                     pruebaMin: String(d.funcionalesEnPrueba.minimo), pruebaMax: String(d.funcionalesEnPrueba.maximo),
                     comportamentalesMin: String(d.comportamentales.minimo), comportamentalesMax: String(d.comportamentales.maximo),
                     pesoFuncional: String(d.pesoFuncional), puntosMin: String(d.puntosComportamentales.minimo),
                     puntosMax: String(d.puntosComportamentales.maximo), minimoSatisfactorio: d.puntajeMinimoSatisfactorio.texto,
                     concertacionDias: dias(d.plazos.concertacion), calificacionDias: dias(d.plazos.calificacion),
                     notificacionDias: dias(d.plazos.notificacion), recursosDias: dias(d.plazos.recursos),
                     resolucionDias: dias(d.plazos.resolucionRecurso), parcialDias: dias(d.plazos.parcial),
                     comision: d.requiereComision ? "si" : "no",
                     nivelNombre: d.escala.niveles.map(\.nombre), nivelDesde: d.escala.niveles.map(\.desde.texto),
                     nivelSatisfactorio: d.escala.niveles.enumerated().filter { $0.element.satisfactorio }.map { String($0.offset) },
                     formatos: d.formatos, activo: activo ? "si" : "no")
    }

    static func paginaInstrumento(_ req: Request, id: UUID?, valores: InstrumentosEDLService.EdicionInput? = nil, bolsa: EstadoFormulario = EstadoFormulario(),
                                  status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let i = try await InstrumentosEDLService.obtener(id, actor, on: req.db)
        let d = try i.definicion
        let v = valores ?? edicion(d, activo: i.activo)
        let e = bolsa.errores
        /// `regla`: the key of the definition's own check (a range as a whole) shown at this field.
        func campo(_ c: String, _ etiqueta: String, _ valor: String?, ayuda: String? = nil, regla: String? = nil) -> CampoNumero {
            CampoNumero(campo: c, etiqueta: etiqueta, valor: valor ?? "", ayuda: ayuda, error: e[c] ?? regla.flatMap { e[$0] })
        }
        let grupos = [
            Grupo(titulo: "Cantidad de compromisos", campos: [
                campo("funcionalesMin", "Mínimo de compromisos laborales", v.funcionalesMin, regla: "funcionales"),
                campo("funcionalesMax", "Máximo de compromisos laborales", v.funcionalesMax),
                campo("pruebaMin", "Mínimo en período de prueba", v.pruebaMin, regla: "funcionalesEnPrueba"),
                campo("pruebaMax", "Máximo en período de prueba", v.pruebaMax),
                campo("comportamentalesMin", "Mínimo de competencias comportamentales", v.comportamentalesMin, regla: "comportamentales"),
                campo("comportamentalesMax", "Máximo de competencias comportamentales", v.comportamentalesMax),
            ]),
            Grupo(titulo: "Pesos y puntajes", campos: [
                campo("pesoFuncional", "Peso de los compromisos laborales (%)", v.pesoFuncional,
                      ayuda: "El peso comportamental es 100 menos este valor (0 = los comportamentales no inciden)."),
                campo("puntosMin", "Puntos comportamentales: mínimo", v.puntosMin, regla: "puntosComportamentales"),
                campo("puntosMax", "Puntos comportamentales: máximo", v.puntosMax),
                campo("minimoSatisfactorio", "Mínimo satisfactorio por omisión del evaluador", v.minimoSatisfactorio,
                      ayuda: "Puntaje con coma decimal, por ejemplo 66 o 65,01.", regla: "puntajeMinimoSatisfactorio"),
            ]),
            Grupo(titulo: "Plazos en días hábiles (vacío: se conserva la regla actual)", campos: [
                campo("concertacionDias", "Concertación (desde el inicio del período): regla actual «\(d.plazos.concertacion.texto)»", v.concertacionDias),
                campo("calificacionDias", "Calificación (desde el fin de cada semestre): regla actual «\(d.plazos.calificacion.texto)»", v.calificacionDias),
                campo("parcialDias", "Evaluación parcial eventual: regla actual «\(d.plazos.parcial.texto)»", v.parcialDias),
                campo("notificacionDias", "Notificación: regla actual «\(d.plazos.notificacion.texto)»", v.notificacionDias),
                campo("recursosDias", "Interponer recursos: regla actual «\(d.plazos.recursos.texto)»", v.recursosDias),
                campo("resolucionDias", "Resolver recursos: regla actual «\(d.plazos.resolucionRecurso.texto)»", v.resolucionDias),
            ]),
        ]
        let nombres = v.nivelNombre ?? []
        let desdes = v.nivelDesde ?? []
        let satis = Set(v.nivelSatisfactorio ?? [])
        var niveles = nombres.indices.map { k in
            FilaNivel(i: k, n: k + 1, nombre: nombres[k], desde: k < desdes.count ? desdes[k] : "", satisfactorio: satis.contains(String(k)))
        }
        // Two empty rows to add levels (an empty name removes a row).
        let vacias = niveles.filter { $0.nombre.trimmingCharacters(in: .whitespaces).isEmpty }.count
        for k in niveles.count ..< niveles.count + max(0, 2 - vacias) {
            niveles.append(FilaNivel(i: k, n: k + 1, nombre: "", desde: "", satisfactorio: false))
        }
        let vinculos = Set(v.vinculaciones ?? [])
        return try await req.pagina("edl/instrumento", d.nombre, FormInstrumento(
            id: i.id!, titulo: i.nombre, origen: PresetEDL(rawValue: i.origen)?.definicion.nombre ?? i.origen,
            puedeEditar: actor.puede(.gestionarEvaluaciones), v: v,
            vinculaciones: TipoVinculacion.allCases.map { Opcion(valor: $0.rawValue, texto: $0.nombre, elegida: vinculos.contains($0.rawValue)) },
            grupos: grupos, niveles: niveles,
            formatos: FormatoEDL.allCases.map { FilaFormato(clave: $0.rawValue, nombre: $0.nombre, codigo: v.formatos?[$0.rawValue] ?? "") },
            escala: d.escala.niveles.map { NivelVista(nombre: $0.nombre, desde: $0.desde.texto, hasta: d.escala.hasta($0).texto,
                                                      satisfactorio: $0.satisfactorio ? "Sí" : "No") },
            periodos: d.periodos.map { p in "\(p.nombre): " + p.tramos.map { t in
                "\(t.nombre) del \(String(format: "%02d/%02d", t.inicio.dia, t.inicio.mes)) al \(String(format: "%02d/%02d", t.fin.dia, t.fin.mes))\(t.fin.anioSiguiente ? " del año siguiente" : "")" }
                .joined(separator: "; ") },
            comision: opcionesSiNo(Campos.limpio(v.comision).map { ["si", "sí", "true", "on", "1"].contains($0.lowercased()) } ?? d.requiereComision),
            activo: opcionesSiNo(Campos.limpio(v.activo).map { ["si", "sí", "true", "on", "1"].contains($0.lowercased()) } ?? i.activo),
            firmantes: d.firmantes.map(\.nombre).joined(separator: ", "), bolsa: bolsa), status: status)
    }

    @Sendable static func instrumento(req: Request) async throws -> Response {
        try await paginaInstrumento(req, id: req.parameters.get("id", as: UUID.self))
    }

    @Sendable static func actualizarInstrumento(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        var input = try req.content.decode(InstrumentosEDLService.EdicionInput.self)
        // Unchecked boxes are not sent: in the form an absent list means "none".
        if input.vinculaciones == nil { input.vinculaciones = [] }
        if input.nivelNombre != nil && input.nivelSatisfactorio == nil { input.nivelSatisfactorio = [] }
        let body = input
        do {
            let i = try await InstrumentosEDLService.editar(id, body, req.actor(), on: req.db)
            req.avisar("Se guardó el instrumento «\(i.nombre)». Los períodos ya abiertos conservan la versión con la que se abrieron.")
            return req.redirect(to: "/edl/instrumentos/\(i.id!.uuidString)", redirectType: .normal)
        } catch let e as PactaError where e.status != .notFound {
            return try await paginaInstrumento(req, id: id, valores: body, bolsa: EstadoFormulario(e), status: e.status)
        }
    }

    // MARK: - /edl/periodos/:id

    struct FiltroPeriodo: Content { var formato: String? }

    struct PaginaPeriodo: Encodable {
        let id: UUID
        let nombre: String
        let instrumento: String
        let inicio: String
        let fin: String
        let tramos: [String]
        let total: Int
        let barras: [Barra]
        let filas: [EvaluacionResumenDTO]
        let encontradas: Int
        let pagina: Int
        let paginas: Int
        let anterior: Int?
        let siguiente: Int?
        let consulta: String
        let filtro: FiltroEvaluaciones
        let estados: [Opcion]
        let dependencias: [Opcion]
        let niveles: [Opcion]
        let vinculaciones: [Opcion]
        let atrasos: [Opcion]
        let resultados: [Opcion]
        let atrasadas: [EvaluacionResumenDTO]
        let totalAtrasadas: Int
        let gestiona: Bool
        let requiereComision: Bool
        let sinComision: Int
        /// `nil`: too many to list; the form asks for the documento.
        let candidatosComision: [Opcion]?
        let comision: EstadoFormulario
        let error: String?
    }

    static func paginaPeriodo(_ req: Request, id: UUID?, comision: EstadoFormulario = EstadoFormulario(), status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let hoy = req.hoy
        let p = try await PeriodosEDLService.obtener(id, actor, on: req.db)
        let d = try p.definicion
        let f = try req.query.decode(FiltroEvaluaciones.self)
        if let formato = try req.query.decode(FiltroPeriodo.self).formato {
            let todas = try await ListadoEDL.todas(p.id!, f, actor, hoy: hoy, on: req.db)
            return try Exportar.respuesta(
                nombre: "evaluaciones-edl", hoja: "Evaluaciones",
                encabezados: ["Documento", "Servidor", "Dependencia", "Nivel jerárquico", "Vinculación", "Período de prueba", "Evaluador",
                              "Estado", "Vence concertación", "Puntaje", "Nivel de resultado"],
                filas: todas.map { e in
                    [.text(e.documento), .text(e.servidor), .text(e.dependencia), .text(e.nivel), .text(e.vinculacion), .text(e.enPrueba ? "Sí" : "No"),
                     .text(e.evaluador), .text(e.estadoNombre),
                     Fecha(iso: e.venceConcertacion).map { .date(year: $0.anio, month: $0.mes, day: $0.dia) } ?? .empty,
                     e.puntaje.map { .number($0) } ?? .empty, .text(e.nivelResultado ?? "")]
                }, formato: formato)
        }
        let r = try await ListadoEDL.listar(p.id!, f, actor, hoy: hoy, on: req.db)
        let paginas = max(1, (r.total + r.porPagina - 1) / r.porPagina)
        let atrasadas = try await ListadoEDL.listar(p.id!, FiltroEvaluaciones(atraso: "concertacion", porPagina: 10), actor, hoy: hoy, on: req.db)
        let conteo = try await PeriodosEDLService.conteoPorEstado(p.id!, actor, on: req.db)
        let deps = actor.puede(.verEstructura) ? try await DependenciasService.listar(actor, on: req.db) : []
        let gestiona = actor.puede(.gestionarEvaluaciones)
        var sinComision = 0
        var candidatos: [Opcion]? = []
        if gestiona && d.requiereComision {
            sinComision = try await EvaluacionEDL.query(on: req.db).filter(\.$periodo.$id == p.id!).filter(\.$comision.$id == nil).count()
            candidatos = try await candidatosComision(actor, excluir: [], elegido: comision.valores["servidorId"], on: req.db)
        }
        return try await req.pagina("edl/periodo", p.nombre, PaginaPeriodo(
            id: p.id!, nombre: p.nombre, instrumento: p.instrumento.nombre, inicio: Fecha(iso: p.inicio)?.texto ?? p.inicio,
            fin: Fecha(iso: p.fin)?.texto ?? p.fin, tramos: p.tramos.map { "\($0.nombre): del \($0.inicio.texto) al \($0.fin.texto)" },
            total: conteo.values.reduce(0, +), barras: barras(conteo, periodoID: p.id!), filas: r.items, encontradas: r.total,
            pagina: r.pagina, paginas: paginas, anterior: r.pagina > 1 ? r.pagina - 1 : nil, siguiente: r.pagina < paginas ? r.pagina + 1 : nil,
            consulta: Paginacion.consulta(req), filtro: f,
            estados: Opciones.de(EstadoEDL.self, elegida: f.estado) { $0.nombre },
            dependencias: deps.map { Opcion(valor: $0.id!.uuidString, texto: $0.nombre, elegida: $0.id!.uuidString == f.dependenciaId) },
            niveles: Opciones.de(NivelJerarquico.self, elegida: f.nivel) { $0.nombre },
            vinculaciones: Opciones.de(TipoVinculacion.self, elegida: f.vinculacion) { $0.nombre },
            atrasos: [Opcion(valor: "concertacion", texto: "Concertación vencida", elegida: f.atraso == "concertacion"),
                      Opcion(valor: "notificacion", texto: "Calificadas sin notificar", elegida: f.atraso == "notificacion")],
            resultados: d.escala.niveles.map { Opcion(valor: $0.codigo, texto: $0.nombre, elegida: $0.codigo == f.resultado) },
            atrasadas: atrasadas.items, totalAtrasadas: atrasadas.total, gestiona: gestiona, requiereComision: d.requiereComision,
            sinComision: sinComision, candidatosComision: candidatos, comision: comision,
            error: gestiona && d.requiereComision ? nil : comision.mensaje), status: status)
    }

    /// Beyond this many LNR servants the comisión is chosen by documento: a list that long helps nobody.
    static let maximoCandidatosEnLista = 200

    /// Active LNR servants of the entity: who may sit on the comisión evaluadora; `nil` when there
    /// are too many for a list (the form then asks for the documento).
    static func candidatosComision(_ actor: Actor, excluir: Set<UUID>, elegido: String?, on db: any Database) async throws -> [Opcion]? {
        let q = Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$activo == true)
            .filter(\.$tipoVinculacion ~~ [.libreNombramiento, .gerentePublico])
        if try await q.count() > maximoCandidatosEnLista { return nil }
        return try await q.sort(\.$apellidos).sort(\.$nombres).all()
            .filter { !excluir.contains($0.id!) }
            .map { Opcion(valor: $0.id!.uuidString, texto: "\($0.apellidos), \($0.nombres) (\($0.documento))", elegida: $0.id!.uuidString == elegido) }
    }

    @Sendable static func periodo(req: Request) async throws -> Response {
        try await paginaPeriodo(req, id: req.parameters.get("id", as: UUID.self))
    }

    @Sendable static func comisionPeriodo(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(EvaluacionesEDLService.ComisionInput.self)
        do {
            let n = try await EvaluacionesEDLService.asignarComisionPeriodo(id, input, req.actor(), hoy: req.hoy, on: req.db)
            req.avisar(n == 0 ? "No había evaluaciones sin comisión evaluadora en el período."
                : "Se asignó el integrante de la comisión evaluadora a \(n) evaluación(es) que no lo tenían.")
            return req.redirect(to: "/edl/periodos/\(id!.uuidString)", redirectType: .normal)
        } catch let e as PactaError where e.status != .notFound {
            return try await paginaPeriodo(req, id: id, comision: EstadoFormulario(e, valores: ["servidorId": input.servidorId ?? "", "documento": input.documento ?? ""]),
                                           status: e.status)
        }
    }

    @Sendable static func incorporar(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        do {
            let r = try await PeriodosEDLService.incorporar(id, req.actor(), hoy: req.hoy, on: req.db)
            req.avisar(r.creadas == 0
                ? "No hay servidores nuevos por incorporar: todos los que el instrumento cubre ya tienen evaluación en el período."
                : "Se incorporaron \(r.creadas) servidor(es) al período; sus evaluadores fueron avisados."
                  + (r.sinEvaluador > 0 ? " \(r.sinEvaluador) no tienen jefe inmediato registrado." : ""))
            return req.redirect(to: "/edl/periodos/\(id!.uuidString)", redirectType: .normal)
        } catch let e as PactaError where e.status != .notFound {
            return try await paginaPeriodo(req, id: id, comision: EstadoFormulario(e), status: e.status)
        }
    }

    // MARK: - /avisos

    struct FilaAviso: Encodable { let asunto: String; let cuerpo: String; let enlace: String?; let fecha: String; let leido: Bool }
    struct Avisos: Encodable { let filas: [FilaAviso]; let noLeidos: Int }

    @Sendable static func avisos(req: Request) async throws -> Response {
        let actor = try req.actor()
        let mios = try await AvisosService.mios(actor, on: req.db)
        // Only links inside Pacta: a notice never sends anyone elsewhere.
        let filas = mios.map { a in
            FilaAviso(asunto: a.asunto, cuerpo: a.cuerpo, enlace: a.enlace.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil },
                      fecha: a.createdAt.map { Fecha.desde($0, zona: Fecha.zonaColombia).texto } ?? "", leido: a.leido)
        }
        return try await req.pagina("edl/avisos", "Avisos", Avisos(filas: filas, noLeidos: try await AvisosService.noLeidos(actor, on: req.db)))
    }

    @Sendable static func marcarLeidos(req: Request) async throws -> Response {
        try await AvisosService.marcarLeidos(req.actor(), on: req.db)
        req.avisar("Todos sus avisos quedaron marcados como leídos.")
        return req.redirect(to: "/avisos", redirectType: .normal)
    }
}
