import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Vapor

/// Talento Humano's pages: the period's reports (progress, who is late, results, distribution),
/// the insubsistencia list, and the printable formats of an evaluation. Every table exports.
enum ReportesEDLWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get("edl", "periodos", ":id", "reportes", use: reportes)
        r.get("edl", "insubsistencia", use: insubsistencia)
        r.get("edl", "evaluaciones", ":id", "formatos", ":formato", use: FormatosEDL.pagina)
    }

    struct Exportacion: Content {
        var formato: String?
        var tabla: String?
    }

    /// A bar of a chart: the numbers as text, the bar's width as a class (the CSP forbids inline styles).
    struct Barra: Encodable {
        let nombre: String
        let evaluaciones: Int
        let porcentajeTexto: String
        let ancho: Int
        let rango: String
        /// A level that is not satisfactory: drawn in the warning colour.
        let alerta: Bool
    }

    static func barra(_ nombre: String, _ n: Int, _ porcentaje: Double, _ texto: String, rango: String = "", alerta: Bool = false) -> Barra {
        // At least 1 % wide when there is something, so a small count is still visible.
        Barra(nombre: nombre, evaluaciones: n, porcentajeTexto: texto, ancho: n > 0 ? max(1, min(100, Int(porcentaje.rounded()))) : 0,
              rango: rango, alerta: alerta)
    }

    static let atrasosEnPagina = 200

    /// A results row with its average drawn as a bar on the 0–100 scale.
    struct FilaGrupo: Encodable {
        let g: ResultadoGrupoDTO
        let ancho: Int
    }

    static func filas(_ grupos: [ResultadoGrupoDTO]) -> [FilaGrupo] {
        grupos.map { FilaGrupo(g: $0, ancho: max(0, min(100, Int(($0.promedio ?? 0).rounded())))) }
    }

    struct VistaReporte: Encodable {
        let r: ReporteEDLDTO
        let dependencias: [FilaGrupo]
        let niveles: [FilaGrupo]
        let vinculaciones: [FilaGrupo]
        let estados: [Barra]
        let distribucion: [Barra]
        let atrasos: [AtrasoEDLDTO]
        let atrasosOcultos: Int
        let pasos: [ConteoPasoDTO]
        let nivelesEscala: [String]
        let ruta: String
    }

    enum Tabla: String, CaseIterable {
        case progreso, atrasos, dependencias, niveles, vinculaciones, distribucion
    }

    @Sendable static func reportes(req: Request) async throws -> Response {
        let actor = try req.actor()
        let r = try await ReportesEDL.reporte(req.parameters.get("id", as: UUID.self), actor, hoy: req.hoy, on: req.db)
        let q = try req.query.decode(Exportacion.self)
        if let formato = Campos.limpio(q.formato) {
            return try exportar(r, tabla: q.tabla, formato: formato)
        }
        let atrasos = Array(r.atrasos.prefix(atrasosEnPagina))
        return try await req.pagina("edl/reportes/periodo", "Reportes · \(r.periodo.nombre)", VistaReporte(
            r: r, dependencias: filas(r.dependencias), niveles: filas(r.niveles), vinculaciones: filas(r.vinculaciones),
            estados: r.progreso.map { barra($0.nombre, $0.evaluaciones, $0.porcentaje, $0.porcentajeTexto) },
            distribucion: r.distribucion.map {
                barra($0.nombre, $0.evaluaciones, $0.porcentaje, $0.porcentajeTexto, rango: "\($0.desdeTexto) a \($0.hastaTexto)", alerta: !$0.satisfactorio)
            },
            atrasos: atrasos, atrasosOcultos: r.atrasos.count - atrasos.count,
            pasos: r.atrasosPorPaso.filter { $0.evaluaciones > 0 },
            nivelesEscala: r.distribucion.map(\.nombre),
            ruta: "/edl/periodos/\(r.periodo.id.uuidString)/reportes"))
    }

    static func fecha(_ iso: String?) -> XLSX.Cell {
        guard let f = iso.flatMap(Fecha.init(iso:)) else { return .empty }
        return .date(year: f.anio, month: f.mes, day: f.dia)
    }

    static func numero(_ d: Double?) -> XLSX.Cell { d.map { .number($0) } ?? .empty }

    /// One table of the report as .xlsx or CSV: numbers as numbers, dates as dates.
    static func exportar(_ r: ReporteEDLDTO, tabla: String?, formato: String) throws -> Response {
        guard let tabla = Campos.limpio(tabla).flatMap(Tabla.init(rawValue:)) else {
            throw PactaError.solicitudInvalida("Elija la tabla que desea exportar: \(Tabla.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let niveles = r.distribucion.map(\.nombre)
        func grupos(_ titulo: String, _ gs: [ResultadoGrupoDTO]) -> (String, [String], [[XLSX.Cell]]) {
            (titulo, [titulo, "Calificadas", "Promedio", "Satisfactorias", "No satisfactorias"] + niveles,
             gs.map { g in [.text(g.nombre), .number(Double(g.calificadas)), numero(g.promedio), .number(Double(g.satisfactorias)),
                            .number(Double(g.noSatisfactorias))] + g.porNivel.map { .number(Double($0.evaluaciones)) } })
        }
        let (hoja, encabezados, filas): (String, [String], [[XLSX.Cell]])
        switch tabla {
        case .progreso:
            (hoja, encabezados, filas) = ("Progreso", ["Estado", "Evaluaciones", "Porcentaje (%)"],
                                          r.progreso.map { [.text($0.nombre), .number(Double($0.evaluaciones)), .number($0.porcentaje)] })
        case .atrasos:
            (hoja, encabezados, filas) = ("Atrasos", ["Servidor", "Documento", "Dependencia", "Paso", "Detalle", "Responsable", "Nombre del responsable",
                                                      "Vencía", "Días hábiles de atraso"],
                                          r.atrasos.map { a in
                                              [.text(a.servidor), .text(a.documento), .text(a.dependencia), .text(a.pasoNombre), .text(a.detalle),
                                               .text(a.responsable), .text(a.responsableNombre), fecha(a.vence), .number(Double(a.diasHabiles))]
                                          })
        case .dependencias: (hoja, encabezados, filas) = grupos("Dependencia", r.dependencias)
        case .niveles: (hoja, encabezados, filas) = grupos("Nivel jerárquico", r.niveles)
        case .vinculaciones: (hoja, encabezados, filas) = grupos("Vinculación", r.vinculaciones)
        case .distribucion:
            (hoja, encabezados, filas) = ("Distribución", ["Nivel", "Desde", "Hasta", "Evaluaciones", "Porcentaje (%)"],
                                          r.distribucion.map { n in
                                              [.text(n.nombre), numero(Puntaje(texto: n.desdeTexto)?.valor), numero(Puntaje(texto: n.hastaTexto)?.valor),
                                               .number(Double(n.evaluaciones)), .number(n.porcentaje)]
                                          })
        }
        return try Exportar.respuesta(nombre: "edl-\(r.periodo.anio)-\(tabla.rawValue)", hoja: hoja, encabezados: encabezados,
                                      filas: filas, formato: formato)
    }

    // MARK: - Insubsistencia

    struct VistaInsubsistencia: Encodable {
        let d: InsubsistenciaDTO
        let fundamento: String
    }

    enum TablaInsubsistencia: String, CaseIterable {
        case noSatisfactorias = "no_satisfactorias"
        case periodoDePrueba = "periodo_de_prueba"
    }

    @Sendable static func insubsistencia(req: Request) async throws -> Response {
        let actor = try req.actor()
        let d = try await ReportesEDL.insubsistencia(actor, on: req.db)
        let q = try req.query.decode(Exportacion.self)
        if let formato = Campos.limpio(q.formato) {
            let tabla: TablaInsubsistencia
            if let t = Campos.limpio(q.tabla) {
                guard let tt = TablaInsubsistencia(rawValue: t) else {
                    throw PactaError.solicitudInvalida("Elija la tabla que desea exportar: \(TablaInsubsistencia.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                tabla = tt
            } else {
                tabla = .noSatisfactorias
            }
            let filas = tabla == .noSatisfactorias ? d.noSatisfactorias : d.periodoDePrueba
            return try Exportar.respuesta(
                nombre: "edl-\(tabla.rawValue.replacingOccurrences(of: "_", with: "-"))",
                hoja: tabla == .noSatisfactorias ? "No satisfactorias en firme" : "Período de prueba",
                encabezados: ["Servidor", "Documento", "Dependencia", "Nivel jerárquico", "Vinculación", "Período", "Evaluador", "Puntaje",
                              "Nivel", "Extraordinaria", "Calificada", "Notificada", "En firme", "Estado", "Consecuencia"],
                filas: filas.map { f in
                    [.text(f.servidor), .text(f.documento), .text(f.dependencia), .text(f.nivel), .text(f.vinculacion), .text(f.periodo),
                     .text(f.evaluador), numero(f.puntaje), .text(f.nivelResultado ?? ""), .text(f.extraordinaria ? "Sí" : "No"),
                     fecha(f.calificada), fecha(f.notificada), fecha(f.enFirme), .text(f.estadoNombre), .text(f.consecuencia)]
                }, formato: formato)
        }
        return try await req.pagina("edl/reportes/insubsistencia", "No satisfactorias en firme y período de prueba",
                                    VistaInsubsistencia(d: d, fundamento: ReportesEDL.fundamentoInsubsistencia))
    }
}
