import Fluent
import Foundation
import PactaCore
import Vapor

/// The formatos de mejoramiento individual of every instrument: the list (Talento Humano sends them
/// from it), and one formato, filled in by the jefe and the evaluado and followed up to its closure.
enum MejoramientoWeb {
    static func register(_ r: any RoutesBuilder) {
        let m = r.grouped("mejoramiento")
        m.get(use: lista)
        m.post("envios", use: enviar)
        m.get(":id", use: formato)
        m.post(":id", use: diligenciar)
        m.post(":id", "seguimientos", use: seguimiento)
        m.post(":id", "cierre", use: cerrar)
    }

    struct Fila: Encodable {
        let id: UUID; let servidor: String; let instrumento: String; let vigencia: String; let resultado: String
        let estado: String; let enviado: String; let vence: String; let vencido: Bool; let avance: String
    }

    struct Lista: Encodable {
        let gestiona: Bool
        let filas: [Fila]
        let estados: [Opcion]
        let envio: EstadoFormulario
        let anio: String
        let umbral: String
    }

    static func paginaLista(_ req: Request, envio: EstadoFormulario = EstadoFormulario(), status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let estado: EstadoMejoramiento? = try Campos.filtro("estado", req.query["estado"])
        let hoy = req.hoy
        let filas = try await MejoramientoService.listar(actor, estado: estado, on: req.db).map { f in
            Fila(id: f.id!, servidor: f.servidor.nombreCompleto, instrumento: f.instrumento.nombre, vigencia: f.vigencia,
                 resultado: Puntaje(centesimas: f.resultado).texto, estado: f.estado.nombre, enviado: Fecha(iso: f.enviadoEl)?.texto ?? "",
                 vence: Fecha(iso: f.vence)?.texto ?? "", vencido: f.estado == .enviado && Fecha(iso: f.vence).map { hoy > $0 } == true,
                 avance: f.seguimientos.last.map { "\($0.avance) %" } ?? "—")
        }
        return try await req.pagina("mejoramiento/lista", "Formatos de mejoramiento individual", Lista(
            gestiona: actor.puede(.gestionarEvaluaciones), filas: filas,
            estados: EstadoMejoramiento.allCases.map { Opcion(valor: $0.rawValue, texto: $0.nombre, elegida: $0 == estado) },
            envio: envio, anio: envio.valores["anio"] ?? String(hoy.anio - 1),
            umbral: envio.valores["umbral"] ?? DefinicionGI.preset.umbralMejoramiento.texto), status: status)
    }

    @Sendable static func lista(req: Request) async throws -> Response { try await paginaLista(req) }

    struct EnviarForm: Content { var anio: String?; var umbral: String? }

    @Sendable static func enviar(req: Request) async throws -> Response {
        let f = try req.content.decode(EnviarForm.self)
        do {
            let n = try await MejoramientoService.enviar(.init(anio: f.anio.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }, umbral: f.umbral),
                                                         fuentes: req.application.fuentesDeMejoramiento, req.actor(), hoy: req.hoy, on: req.db)
            req.avisar(n == 0 ? "No hay resultados nuevos por debajo del umbral: no se envió ningún formato."
                              : "Se \(n == 1 ? "envió 1 formato" : "enviaron \(n) formatos") de mejoramiento individual.")
            return req.redirect(to: "/mejoramiento", redirectType: .normal)
        } catch let e as PactaError {
            return try await paginaLista(req, envio: EstadoFormulario("envio", e, valores: ["anio": f.anio ?? "", "umbral": f.umbral ?? ""]), status: e.status)
        }
    }

    struct FilaAccion: Encodable { let n: Int; let descripcion: String; let responsable: String; let fecha: String; let indicador: String }

    struct Vista: Encodable {
        let dto: FormatoMejoramientoDTO
        let servidor: String
        let jefe: String
        let estadoNombre: String
        let resultado: String
        let umbral: String
        let enviado: String
        let vence: String
        let diligencia: Bool
        let sigue: Bool
        let cierra: Bool
        let oportunidades: String
        let acciones: [FilaAccion]
        let seguimientos: [FormatoMejoramiento.SeguimientoDeMejora]
        let estado: EstadoFormulario
        let enlaceEvaluacion: String?
    }

    static func paginaFormato(_ req: Request, id: UUID?, estado: EstadoFormulario = EstadoFormulario(),
                              entradas: MejoramientoService.DiligenciarInput? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let (f, roles) = try await MejoramientoService.obtener(id, actor, on: req.db)
        let servidor = try await Servidor.find(f.$servidor.id, on: req.db)?.nombreCompleto ?? ""
        let jefe: String = if let j = f.$jefe.id { try await Servidor.find(j, on: req.db)?.nombreCompleto ?? "" } else { "Sin jefe asignado" }
        var acciones = entradas?.acciones?.map {
            FilaAccion(n: 0, descripcion: $0.descripcion ?? "", responsable: $0.responsable ?? "", fecha: $0.fecha ?? "", indicador: $0.indicador ?? "")
        } ?? f.acciones.map { FilaAccion(n: 0, descripcion: $0.descripcion, responsable: $0.responsable, fecha: Fecha(iso: $0.fecha)?.texto ?? $0.fecha, indicador: $0.indicador) }
        // What the page offers is what the workflow table allows this person now.
        let ofrecidas = Set(roles.flatMap { FlujoMejoramiento.flujo.acciones(estado: f.estado, rol: $0) })
        let diligencia = ofrecidas.contains(.diligenciar)
        if diligencia { while acciones.count < 3 { acciones.append(FilaAccion(n: 0, descripcion: "", responsable: "", fecha: "", indicador: "")) } }
        acciones = acciones.enumerated().map { FilaAccion(n: $0.offset + 1, descripcion: $0.element.descripcion, responsable: $0.element.responsable,
                                                          fecha: $0.element.fecha, indicador: $0.element.indicador) }
        let enlace: String? = switch f.instrumento {
        case .gestionInstitucional: "/gestion/evaluaciones/\(f.evaluacionID)"
        case .edl: "/edl/evaluaciones/\(f.evaluacionID)"
        case .acuerdoDeGestion: nil
        }
        return try await req.pagina("mejoramiento/formato", "Formato de mejoramiento individual · \(servidor)", Vista(
            dto: FormatoMejoramientoDTO(f), servidor: servidor, jefe: jefe, estadoNombre: f.estado.nombre,
            resultado: Puntaje(centesimas: f.resultado).texto, umbral: Puntaje(centesimas: f.umbral).texto,
            enviado: Fecha(iso: f.enviadoEl)?.texto ?? "", vence: Fecha(iso: f.vence)?.texto ?? "",
            diligencia: diligencia, sigue: ofrecidas.contains(.registrarSeguimiento), cierra: ofrecidas.contains(.cerrar),
            oportunidades: entradas?.oportunidades ?? f.oportunidades, acciones: acciones, seguimientos: f.seguimientos,
            estado: estado, enlaceEvaluacion: enlace), status: status)
    }

    @Sendable static func formato(req: Request) async throws -> Response { try await paginaFormato(req, id: req.parameters.get("id", as: UUID.self)) }

    static func escribir(_ req: Request, formulario: String, valores: [String: String] = [:], entradas: MejoramientoService.DiligenciarInput? = nil,
                         aviso: String, _ accion: () async throws -> FormatoMejoramiento) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        do {
            _ = try await accion()
            req.avisar(aviso)
            return req.redirect(to: "/mejoramiento/\(id?.uuidString ?? "")", redirectType: .normal)
        } catch let e as PactaError {
            return try await paginaFormato(req, id: id, estado: EstadoFormulario(formulario, e, valores: valores), entradas: entradas, status: e.status)
        }
    }

    @Sendable static func diligenciar(req: Request) async throws -> Response {
        let input = try req.content.decode(MejoramientoService.DiligenciarInput.self)
        return try await escribir(req, formulario: "diligenciar", entradas: input, aviso: "Se guardó el formato: queda en seguimiento.") {
            try await MejoramientoService.diligenciar(req.parameters.get("id", as: UUID.self), input, req.actor(), on: req.db)
        }
    }

    @Sendable static func seguimiento(req: Request) async throws -> Response {
        let input = try req.content.decode(MejoramientoService.SeguimientoInput.self)
        return try await escribir(req, formulario: "seguimiento", valores: ["avance": input.avance ?? "", "nota": input.nota ?? ""],
                                  aviso: "Se registró el seguimiento.") {
            try await MejoramientoService.seguimiento(req.parameters.get("id", as: UUID.self), input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }

    @Sendable static func cerrar(req: Request) async throws -> Response {
        let input = try req.content.decode(MejoramientoService.CierreInput.self)
        return try await escribir(req, formulario: "cierre", valores: ["cierre": input.cierre ?? ""], aviso: "Se cerró el formato de mejoramiento.") {
            try await MejoramientoService.cerrar(req.parameters.get("id", as: UUID.self), input, req.actor(), hoy: req.hoy, on: req.db)
        }
    }
}
