/// A behavioural competency of the Decreto 815 de 2018 catalogue.
public struct Competencia: Hashable, Sendable, Codable {
    public let codigo: String
    public let nombre: String
    /// `nil` for the competencias comunes (every level).
    public let nivel: NivelJerarquico?

    public init(codigo: String, nombre: String, nivel: NivelJerarquico?) {
        self.codigo = codigo
        self.nombre = nombre
        self.nivel = nivel
    }
}

/// Competencias comportamentales: comunes a los servidores públicos and por nivel jerárquico
/// (Decreto 815 de 2018, modifying Decreto 1083 de 2015 art. 2.2.4.7–2.2.4.8).
public enum CatalogoCompetencias {
    public static let decreto815: [Competencia] = {
        func c(_ codigo: String, _ nombre: String, _ nivel: NivelJerarquico? = nil) -> Competencia {
            Competencia(codigo: codigo, nombre: nombre, nivel: nivel)
        }
        return [
            c("aprendizaje_continuo", "Aprendizaje continuo"),
            c("orientacion_a_resultados", "Orientación a resultados"),
            c("orientacion_al_usuario", "Orientación al usuario y al ciudadano"),
            c("compromiso_con_la_organizacion", "Compromiso con la organización"),
            c("trabajo_en_equipo", "Trabajo en equipo"),
            c("adaptacion_al_cambio", "Adaptación al cambio"),
            c("vision_estrategica", "Visión estratégica", .directivo),
            c("liderazgo_efectivo", "Liderazgo efectivo", .directivo),
            c("planeacion", "Planeación", .directivo),
            c("toma_de_decisiones_directivo", "Toma de decisiones", .directivo),
            c("gestion_del_desarrollo_de_las_personas", "Gestión del desarrollo de las personas", .directivo),
            c("pensamiento_sistemico", "Pensamiento sistémico", .directivo),
            c("resolucion_de_conflictos", "Resolución de conflictos", .directivo),
            c("confiabilidad_tecnica_asesor", "Confiabilidad técnica", .asesor),
            c("creatividad_e_innovacion", "Creatividad e innovación", .asesor),
            c("iniciativa", "Iniciativa", .asesor),
            c("construccion_de_relaciones", "Construcción de relaciones", .asesor),
            c("conocimiento_del_entorno", "Conocimiento del entorno", .asesor),
            c("aporte_tecnico_profesional", "Aporte técnico-profesional", .profesional),
            c("comunicacion_efectiva", "Comunicación efectiva", .profesional),
            c("gestion_de_procedimientos", "Gestión de procedimientos", .profesional),
            c("instrumentacion_de_decisiones", "Instrumentación de decisiones", .profesional),
            c("direccion_y_desarrollo_de_personal", "Dirección y desarrollo de personal (con personal a cargo)", .profesional),
            c("toma_de_decisiones_profesional", "Toma de decisiones (con personal a cargo)", .profesional),
            c("confiabilidad_tecnica", "Confiabilidad técnica", .tecnico),
            c("disciplina", "Disciplina", .tecnico),
            c("responsabilidad", "Responsabilidad", .tecnico),
            c("manejo_de_la_informacion", "Manejo de la información", .asistencial),
            c("relaciones_interpersonales", "Relaciones interpersonales", .asistencial),
            c("colaboracion", "Colaboración", .asistencial),
        ]
    }()

    private static let porCodigo: [String: Competencia] =
        Dictionary(uniqueKeysWithValues: decreto815.map { ($0.codigo, $0) })

    public static func competencia(_ codigo: String) -> Competencia? { porCodigo[codigo] }

    /// The competencies a servant of `nivel` can be evaluated on: comunes + those of the level.
    public static func disponibles(para nivel: NivelJerarquico) -> [Competencia] {
        decreto815.filter { $0.nivel == nil || $0.nivel == nivel }
    }
}
