import Fluent
import Foundation
import PactaCore
import Vapor

/// The workbench of one Gestión Institucional evaluation: what is due, the metas (a form for whoever
/// may write them now), the before → after of a modification, the self-assessments, the competencias,
/// each action with its reason, the results and the history.
extension GestionWeb {
    struct FilaMeta: Encodable {
        let i: Int
        let n: Int
        let id: String
        let descripcion: String
        let producto: String
        let evidencias: String
        let peso: String
        let pactado1: String
        let pactado2: String
        let metaDependencia: String
        let logrado1: String
        let logrado2: String
        let errores: [String: String]
    }

    struct FilaHistoria: Encodable { let fecha: String; let accion: String; let rol: String; let actor: String; let hacia: String; let detalle: String }
    struct FilaCompetencia: Encodable { let codigo: String; let nombre: String; let comun: Bool; let puntaje: String }
    struct Boton: Encodable { let accion: String; let texto: String; let motivo: Bool; let ayuda: String; let principal: Bool }

    struct VistaEvaluacion: Encodable {
        let id: UUID
        let dto: EvaluacionGIDTO
        let pendientes: [PendienteVista]
        let metas: [FilaMeta]
        /// "metas": the formulation form; "logros": the self-assessment form; nil: read only.
        let formulario: String?
        let seguimiento: Int?
        let esJefe: Bool
        let esEvaluado: Bool
        let guardar: String?
        let enviar: String?
        let botones: [Boton]
        let competencias: [FilaCompetencia]
        let calificaCompetencias: Bool
        let rango: String
        let estado: EstadoFormulario
        let pactadoTotal: String
        let resultadoTexto: String?
        let seguimiento1Texto: String?
        let seguimiento2Texto: String?
        let historia: [FilaHistoria]
        let evidencia: EstadoFormulario
        let opcionesMeta: [Opcion]
        let tiposArchivo: String
    }

    static func paginaEvaluacion(_ req: Request, id: UUID?, estado: EstadoFormulario = EstadoFormulario(),
                                 entradas: [EvaluacionesGIService.MetaGIInput]? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let (ev, roles) = try await GestionAcceso.obtener(id, actor, on: req.db)
        let hoy = req.hoy
        let dto = try await EvaluacionGIDTO.make(ev, roles: roles, hoy: hoy, on: req.db)
        let ctx = try await EvaluacionesGIService.contexto(ev, on: req.db)
        let acciones = Set(dto.acciones.compactMap(AccionGI.init(rawValue:)))
        let esJefe = roles.contains(.jefe), esEvaluado = roles.contains(.evaluado)
        var formulario: String?
        var guardar: String?, enviar: String?
        if acciones.contains(.enviarMetas) { formulario = "metas"; guardar = AccionGI.guardarMetas.rawValue; enviar = AccionGI.enviarMetas.rawValue }
        else if acciones.contains(.enviarAutoevaluacion) { formulario = "logros"; guardar = AccionGI.guardarAutoevaluacion.rawValue; enviar = AccionGI.enviarAutoevaluacion.rawValue }
        else if acciones.contains(.modificar) { formulario = ev.estado == .revisionMetas ? "metas" : "logros"; enviar = AccionGI.modificar.rawValue }
        let seguimiento = ev.estado.seguimiento

        // The rows: what was typed when a submission failed, else the saved metas, plus empty rows to add.
        var filas: [EvaluacionesGIService.MetaGIInput] = entradas ?? ev.metas.map {
            .init(id: $0.id, descripcion: $0.descripcion, producto: $0.producto, evidencias: $0.evidencias, peso: $0.peso.texto,
                  pactado1: $0.pactado1.texto, pactado2: $0.pactado2.texto, metaDependencia: $0.metaDependencia,
                  logrado: (seguimiento == 1 ? $0.logrado1 : $0.logrado2)?.texto)
        }
        if formulario == "metas" { while filas.count < max(ctx.definicion.metas.cantidad.maximo, 1) && filas.count < ev.metas.count + 3 { filas.append(.init()) } }
        // The service numbers the non-empty rows from 1: map its keys back to the form's rows.
        let noVacias = filas.indices.filter { k in
            [filas[k].descripcion, filas[k].producto, filas[k].evidencias, filas[k].peso, filas[k].pactado1, filas[k].pactado2, filas[k].logrado]
                .contains { Campos.limpio($0) != nil }
        }
        var erroresPorFila: [Int: [String: String]] = [:]
        for (clave, mensaje) in estado.errores where clave.hasPrefix("metas[") {
            let partes = clave.dropFirst("metas[".count).split(separator: "]", maxSplits: 1)
            guard partes.count == 2, let n = Int(partes[0]), n >= 1 else { continue }
            let fila = formulario == "logros" ? n - 1 : (n <= noVacias.count ? noVacias[n - 1] : n - 1)
            erroresPorFila[fila, default: [:]][partes[1].hasPrefix(".") ? String(partes[1].dropFirst()) : String(partes[1])] = mensaje
        }
        let porID = Dictionary(ev.metas.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let metas = filas.enumerated().map { k, f in
            let guardada = f.id.flatMap { porID[$0] }
            return FilaMeta(i: k, n: k + 1, id: f.id ?? "", descripcion: f.descripcion ?? "", producto: f.producto ?? "", evidencias: f.evidencias ?? "",
                     peso: f.peso ?? "", pactado1: f.pactado1 ?? "", pactado2: f.pactado2 ?? "", metaDependencia: f.metaDependencia ?? "",
                     logrado1: seguimiento == 1 ? (f.logrado ?? "") : (guardada?.logrado1?.texto ?? ""),
                     logrado2: seguimiento == 2 ? (f.logrado ?? "") : (guardada?.logrado2?.texto ?? ""),
                     errores: erroresPorFila[k] ?? [:])
        }

        var botones: [Boton] = []
        for a in AccionGI.allCases where acciones.contains(a) {
            switch a {
            case .aprobar: botones.append(Boton(accion: a.rawValue, texto: "Aprobar", motivo: false, ayuda: "El evaluado recibirá un aviso para aceptar o no.", principal: true))
            case .rechazar: botones.append(Boton(accion: a.rawValue, texto: "Rechazar y devolver", motivo: true, ayuda: "Vuelve al paso anterior con su motivo.", principal: false))
            case .aceptar: botones.append(Boton(accion: a.rawValue, texto: ev.estado == .aceptacionFinal ? "Aceptar el resultado" : "Aceptar", motivo: false,
                                                ayuda: ev.estado == .aceptacionFinal ? "Con su aceptación termina el proceso." : "El proceso continúa al siguiente paso.", principal: true))
            case .noAceptar: botones.append(Boton(accion: a.rawValue, texto: "No aceptar", motivo: true, ayuda: "Vuelve al paso anterior con su motivo.", principal: false))
            case .cerrar: botones.append(Boton(accion: a.rawValue, texto: "Cerrar sin calificación", motivo: true, ayuda: "Por retiro del servidor u otra causa: no se hace nada más.", principal: false))
            default: break
            }
        }
        let califica = acciones.contains(.calificarComportamentales)
        let guardadas = Dictionary(ev.competencias.map { ($0.codigo, $0.puntaje?.texto ?? "") }, uniquingKeysWith: { a, _ in a })
        let competencias = califica ? CatalogoCompetencias.disponibles(para: ev.nivel).map {
            FilaCompetencia(codigo: $0.codigo, nombre: $0.nombre, comun: $0.nivel == nil,
                            puntaje: estado.valores["competencias[\($0.codigo)]"] ?? guardadas[$0.codigo] ?? "")
        } : ev.competencias.map { FilaCompetencia(codigo: $0.codigo, nombre: $0.nombre, comun: false, puntaje: $0.puntaje?.texto ?? "") }
        let pactado = ev.metas.reduce(0) { $0 + $1.peso.centesimas }
        let cal = ctx.terminos.calendario
        let debidos = try await EvaluacionesGIService.pendientes([ev], hoy: hoy, on: req.db)[ev.id!] ?? []
        return try await req.pagina("gestion/evaluacion", "Gestión institucional de \(dto.servidor.nombre)", VistaEvaluacion(
            id: ev.id!, dto: dto, pendientes: vistas(debidos, roles: roles, hoy: hoy, calendario: cal), metas: metas, formulario: formulario,
            seguimiento: seguimiento, esJefe: esJefe, esEvaluado: esEvaluado, guardar: guardar, enviar: enviar, botones: botones,
            competencias: competencias, calificaCompetencias: califica, rango: ctx.definicion.comportamentales?.cantidad.texto ?? "",
            estado: estado, pactadoTotal: Puntaje(centesimas: pactado).texto,
            resultadoTexto: dto.resultado.map { "\($0.texto) — \(dto.nivel ?? ctx.definicion.base.escala.nivel(para: $0).nombre)" },
            seguimiento1Texto: dto.seguimiento1.map { "\($0.texto) %" } ?? CalificacionGI.seguimiento(ev.metas, 1).map { "\($0.texto) % (sin aceptar)" },
            seguimiento2Texto: dto.seguimiento2.map { "\($0.texto) %" } ?? CalificacionGI.seguimiento(ev.metas, 2).map { "\($0.texto) % (sin aceptar)" },
            historia: dto.historia.reversed().map {
                FilaHistoria(fecha: Fecha(iso: $0.fecha)?.texto ?? $0.fecha, accion: AccionGI(rawValue: $0.accion)?.nombre.capitalizandoPrimera ?? $0.accion,
                             rol: RolGI(rawValue: $0.rol)?.nombre ?? $0.rol, actor: $0.actor,
                             hacia: EstadoGI(rawValue: $0.hacia)?.nombre ?? $0.hacia, detalle: $0.detalle)
            },
            evidencia: estado.de("evidencia"),
            opcionesMeta: ev.metas.enumerated().map { k, m in
                Opcion(valor: m.id, texto: "Meta \(k + 1): \(m.descripcion.prefix(90))", elegida: estado.de("evidencia").valores["metaId"] == m.id)
            },
            tiposArchivo: EvidenciasService.tiposTexto),
            status: status)
    }

    @Sendable static func evaluacion(req: Request) async throws -> Response {
        try await paginaEvaluacion(req, id: req.parameters.get("id", as: UUID.self))
    }

    @Sendable static func accion(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(EvaluacionesGIService.AccionGIInput.self)
        do {
            let ev = try await EvaluacionesGIService.ejecutar(id, input, req.actor(), hoy: req.hoy, on: req.db)
            let a = AccionGI(rawValue: input.accion ?? "")
            req.avisar(a == .guardarMetas || a == .guardarAutoevaluacion ? "Se guardó el borrador." : "Hecho: \(a?.nombre ?? "acción registrada"). Etapa actual: \(ev.estado.nombre).")
            return req.redirect(to: "/gestion/evaluaciones/\(id?.uuidString ?? "")", redirectType: .normal)
        } catch let e as PactaError {
            var valores: [String: String] = ["motivo": input.motivo ?? "", "accion": input.accion ?? ""]
            for (k, v) in input.competencias ?? [:] { valores["competencias[\(k)]"] = v }
            let formulario = input.metas != nil ? "metas" : (input.competencias != nil ? "competencias" : "accion:\(input.accion ?? "")")
            return try await paginaEvaluacion(req, id: id, estado: EstadoFormulario(formulario, e, valores: valores),
                                              entradas: input.metas, status: e.status)
        }
    }

    /// An evidencia (note and/or file) or the jefe's observation, from the evaluation's page.
    @Sendable static func evidencia(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let m = try req.content.decode(GestionAPI.EvidenciaMultipart.self)
        do {
            let e = try await EvidenciasGIService.agregar(id, .init(nota: m.nota, metaId: m.metaId, observacion: m.observacion),
                                                          archivo: EvidenciasService.Archivo(m.archivo), req.actor(), hoy: req.hoy, on: req.db)
            req.avisar(e.esObservacion ? "Se registró la observación de seguimiento." : "Se agregó la evidencia.")
            return req.redirect(to: "/gestion/evaluaciones/\(id?.uuidString ?? "")#evidencias-titulo", redirectType: .normal)
        } catch let e as PactaError {
            let valores = ["nota": m.nota ?? "", "metaId": m.metaId ?? "", "observacion": Campos.limpio(m.observacion) ?? ""]
            return try await paginaEvaluacion(req, id: id, estado: EstadoFormulario("evidencia", e, valores: valores), status: e.status)
        }
    }

    /// The printable format of the evaluation, for signature: the servant on every page.
    @Sendable static func formato(req: Request) async throws -> Response {
        let actor = try req.actor()
        let (ev, roles) = try await GestionAcceso.obtener(req.parameters.get("id", as: UUID.self), actor, on: req.db)
        let dto = try await EvaluacionGIDTO.make(ev, roles: roles, hoy: req.hoy, on: req.db)
        let ctx = try await EvaluacionesGIService.contexto(ev, on: req.db)
        struct Formato: Encodable {
            let dto: EvaluacionGIDTO; let codigo: String; let entidad: String; let escala: String; let pesos: String; let impreso: String
            let metas: [FilaMeta]; let competencias: [FilaCompetencia]; let seguimiento1: String?; let seguimiento2: String?; let resultado: String?
        }
        func pct(_ p: Puntaje?) -> String { p.map { "\($0.texto) %" } ?? "—" }
        let metas = ev.metas.enumerated().map { k, m in
            FilaMeta(i: k, n: k + 1, id: m.id, descripcion: m.descripcion, producto: m.producto, evidencias: m.evidencias, peso: m.peso.texto,
                     pactado1: m.pactado1.texto, pactado2: m.pactado2.texto, metaDependencia: m.metaDependencia ?? "",
                     logrado1: pct(m.logrado1), logrado2: pct(m.logrado2), errores: [:])
        }
        let entidad = try await Entidad.find(ev.$entidad.id, on: req.db)?.nombre ?? ""
        return try await req.view.render("gestion/formato", Pagina(layout: Layout.make(req, titulo: "Formato"), c: Formato(
            dto: dto, codigo: ctx.definicion.base.formatos["resultado"] ?? "", entidad: entidad,
            escala: ctx.definicion.base.escala.niveles.map { "\($0.nombre) desde \($0.desde.texto)" }.joined(separator: "; "),
            pesos: ctx.definicion.base.componentes.map { "\($0.nombre) \($0.peso) %" }.joined(separator: ", "), impreso: req.hoy.texto,
            metas: metas, competencias: ev.competencias.map { FilaCompetencia(codigo: $0.codigo, nombre: $0.nombre, comun: false, puntaje: $0.puntaje?.texto ?? "") },
            seguimiento1: ev.seguimiento1.map { "\(Puntaje(centesimas: $0).texto) %" }, seguimiento2: ev.seguimiento2.map { "\(Puntaje(centesimas: $0).texto) %" },
            resultado: ev.resultado.map { "\(Puntaje(centesimas: $0).texto) — \(ev.nivelEscala ?? "")" }))).encodeResponse(for: req)
    }
}
