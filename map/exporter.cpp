#include "exporter.hpp"

#include <gazetteer/error.hpp>

#include <QImage>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace gazetteer::map {

ImageFormat image_format_for(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".png") return ImageFormat::Png;
    if (ext == ".svg") return ImageFormat::Svg;
    throw UsageError(path + ": unknown image type '" + ext + "' (use .png or .svg)");
}

void export_image(const std::string& path, const MapView& view, const Scene& scene, const Basemap& basemap,
                  const RenderStyle& style) {
    const ImageFormat format = image_format_for(path);
    const QSize size = view.size();
    if (size.width() < 1 || size.height() < 1) throw UsageError("image size must be at least 1x1 pixels");
    const auto projected = basemap.empty() ? nullptr : basemap.project(view.projection());

    QSaveFile out(QString::fromStdString(path));
    if (!out.open(QIODevice::WriteOnly)) {
        throw IoError(path + ": cannot write: " + out.errorString().toStdString());
    }
    if (format == ImageFormat::Png) {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(style.sea);
        {
            QPainter painter(&image);
            render_map(painter, view, scene, projected.get(), style);
        }
        if (!image.save(&out, "PNG")) {
            out.cancelWriting();
            throw IoError(path + ": PNG encoding failed");
        }
    } else {
        QSvgGenerator svg;
        svg.setOutputDevice(&out);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(96);
        svg.setTitle(style.title_text.isEmpty() ? QString::fromStdString(scene.title) : style.title_text);
        svg.setDescription(QStringLiteral("Map rendered by gazetteer-render. Data: Natural Earth, GeoNames."));
        QPainter painter;
        if (!painter.begin(&svg)) {
            out.cancelWriting();
            throw IoError(path + ": cannot start the SVG painter");
        }
        render_map(painter, view, scene, projected.get(), style);
        painter.end();
    }
    if (!out.commit()) throw IoError(path + ": cannot write: " + out.errorString().toStdString());
}

}  // namespace gazetteer::map
