//! The evaluation set: which captures there are, how each is drawn, and what is true of it.
//!
//! Each category changes one thing from a good capture (glare, distance, blur, light, place)
//! and keeps the nuisances random: card side and tone, desk, rotation up to ±15°, mild
//! perspective, light gradient, exposure, sensor noise and JPEG quality 60–90. The truth is
//! set by construction, and the parameters keep clear of each verdict's boundary (a card is
//! either at least 0.60 or at most 0.45 of the frame wide, never in between), so that
//! every expected verdict is one a person would give too. Every sample comes from its own
//! seeded stream: the same seed gives the same set, and a category can grow without changing
//! the others.
//!
//! Passport data pages (TD3) and ID card backs (TD1) are [`Subject::Mrz`], with the fields
//! their machine-readable zone carries as [`Truth::mrz`]; their categories come last, so that
//! the ids of the others stay as they were.

use camera::Instruction;
use document::{Country, Date, LicenseData, MrzFormat};

use crate::cards::{CardDesign, Side, Tone};
use crate::mrz_docs::{self, MrzTruth};
use crate::render::{
    Backdrop, DocumentScene, Glare, Optics, Pose, SelfieScene, Surface, FRAME_HEIGHT, FRAME_WIDTH,
};
use crate::rng::Rng;

/// The seed of the published table (`cargo xtask eval capture`). Its captures were not looked
/// at while the analysis was tuned.
pub const DEFAULT_SEED: u64 = 20_260_601;
/// The seed the analysis's thresholds were tuned on (`--seed` it to see that set).
pub const DEV_SEED: u64 = 7;

/// "Today" for the licence expiry check: every generated licence expires after it.
pub fn today() -> Date {
    Date::new(2026, 6, 1).expect("a valid date")
}

/// What a capture shows, and what changes from a good capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Well placed, sharp, steady, in normal light.
    Good,
    /// A light card on a dark desk: auto-exposure clips the white paper. Not glare.
    BrightPaper,
    /// A lamp's reflection with a saturated core 2.5–3.5 % of the card's width in radius.
    GlareSmall,
    /// As above, 5–7 %.
    GlareMedium,
    /// As above, 9–12 %.
    GlareLarge,
    /// The whole card in the frame, anywhere, but at most 45 % of the frame's width.
    Far,
    /// Partly out of the frame, or big enough but well away from the guide's centre.
    Misplaced,
    /// Nothing on the desk.
    Empty,
    /// Out of focus.
    FocusBlur,
    /// Moving: smeared within a frame and displaced between frames.
    MotionBlur,
    /// A room too dark for the auto-exposure.
    LowLight,
    SelfieNear,
    /// A face at most 13 % of the frame's width.
    SelfieFar,
    SelfieNobody,
    SelfieLowLight,
    /// A passport's data page, placed and lit as [`Category::Good`]: its MRZ must read.
    MrzPassport,
    /// An ID card's back with its MRZ, likewise.
    MrzIdCard,
    /// A passport page or an ID card back out of focus.
    MrzFocusBlur,
    /// A passport page or an ID card back in a room too dark.
    MrzLowLight,
}

impl Category {
    pub const ALL: [Category; 19] = [
        Category::Good,
        Category::BrightPaper,
        Category::GlareSmall,
        Category::GlareMedium,
        Category::GlareLarge,
        Category::Far,
        Category::Misplaced,
        Category::Empty,
        Category::FocusBlur,
        Category::MotionBlur,
        Category::LowLight,
        Category::SelfieNear,
        Category::SelfieFar,
        Category::SelfieNobody,
        Category::SelfieLowLight,
        Category::MrzPassport,
        Category::MrzIdCard,
        Category::MrzFocusBlur,
        Category::MrzLowLight,
    ];

    /// The verdict a person would give.
    pub fn expected(self) -> Instruction {
        match self {
            Self::Good | Self::BrightPaper | Self::SelfieNear => Instruction::LooksGood,
            Self::MrzPassport | Self::MrzIdCard => Instruction::LooksGood,
            Self::MrzFocusBlur => Instruction::HoldStill,
            Self::MrzLowLight => Instruction::MoreLight,
            Self::GlareSmall | Self::GlareMedium | Self::GlareLarge => Instruction::ReduceGlare,
            Self::Far | Self::SelfieFar => Instruction::MoveCloser,
            Self::Misplaced | Self::Empty => Instruction::PlaceDocument,
            Self::FocusBlur | Self::MotionBlur => Instruction::HoldStill,
            Self::LowLight | Self::SelfieLowLight => Instruction::MoreLight,
            Self::SelfieNobody => Instruction::FaceCamera,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Good => "good",
            Self::BrightPaper => "bright paper",
            Self::GlareSmall => "glare, small",
            Self::GlareMedium => "glare, medium",
            Self::GlareLarge => "glare, large",
            Self::Far => "far (small in frame)",
            Self::Misplaced => "misplaced",
            Self::Empty => "empty desk",
            Self::FocusBlur => "focus blur",
            Self::MotionBlur => "motion blur",
            Self::LowLight => "low light",
            Self::SelfieNear => "selfie, near",
            Self::SelfieFar => "selfie, far",
            Self::SelfieNobody => "selfie, nobody",
            Self::SelfieLowLight => "selfie, low light",
            Self::MrzPassport => "mrz: passport, good",
            Self::MrzIdCard => "mrz: ID card, good",
            Self::MrzFocusBlur => "mrz: focus blur",
            Self::MrzLowLight => "mrz: low light",
        }
    }

    /// A passport page or an ID card back: its MRZ is read.
    pub fn is_mrz(self) -> bool {
        matches!(
            self,
            Self::MrzPassport | Self::MrzIdCard | Self::MrzFocusBlur | Self::MrzLowLight
        )
    }

    pub fn is_selfie(self) -> bool {
        matches!(
            self,
            Self::SelfieNear | Self::SelfieFar | Self::SelfieNobody | Self::SelfieLowLight
        )
    }

    /// How many captures the full set has of this category.
    pub fn full_count(self) -> usize {
        match self {
            Self::Good => 160,
            Self::MrzPassport | Self::MrzIdCard => 60,
            Self::MrzFocusBlur | Self::MrzLowLight => 20,
            Self::Empty | Self::SelfieNobody | Self::SelfieLowLight => 16,
            Self::LowLight | Self::SelfieNear | Self::SelfieFar => 30,
            _ => 40,
        }
    }

    /// How many the fast slice (the test suite's) takes: the first of the full set's.
    pub fn slice_count(self) -> usize {
        match self {
            // Four kinds of card twice over, three backs up to 10° among them.
            Self::Good => 8,
            // One of each rotation band.
            Self::MrzPassport | Self::MrzIdCard => 3,
            Self::MrzFocusBlur | Self::MrzLowLight => 1,
            _ => 2,
        }
    }
}

/// What a capture shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A licence or ID card, front or back; `None` for an empty desk.
    Document(Option<CardDesign>),
    /// A passport data page (TD3) or an ID card's back (TD1), in one of its designs.
    Mrz {
        format: MrzFormat,
        variant: u32,
    },
    Selfie,
}

/// How to draw one capture.
#[derive(Debug, Clone, PartialEq)]
pub enum Shot {
    Document(DocumentScene),
    Selfie(SelfieScene),
}

/// What is true of one capture.
#[derive(Clone, PartialEq)]
pub struct Truth {
    pub verdict: Instruction,
    /// For a card back: the fields its barcode carries.
    pub license: Option<LicenseData>,
    /// For a passport page or an ID card back: what its machine-readable zone says.
    pub mrz: Option<MrzTruth>,
    /// The card's rotation in the desk's plane, degrees (0 when there is no card).
    pub roll: f32,
}

impl std::fmt::Debug for Truth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Truth")
            .field("verdict", &self.verdict)
            .field("license", &self.license.is_some())
            .field("mrz", &self.mrz)
            .field("roll", &self.roll)
            .finish()
    }
}

/// One capture of the set.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Its position in the full set (stable for a seed).
    pub id: usize,
    pub category: Category,
    /// Its index within its category.
    pub index: usize,
    pub subject: Subject,
    pub shot: Shot,
    pub truth: Truth,
}

/// The full set for `seed`.
pub fn full_set(seed: u64) -> Vec<Sample> {
    build(seed, Category::full_count)
}

/// The fast slice: the first few captures of every category, the same as in the full set.
pub fn slice(seed: u64) -> Vec<Sample> {
    let mut id = 0;
    let mut out = Vec::new();
    for category in Category::ALL {
        let full = category.full_count();
        out.extend(
            (0..category.slice_count().min(full)).map(|i| sample(seed, category, i, id + i)),
        );
        id += full;
    }
    out
}

fn build(seed: u64, count: impl Fn(Category) -> usize) -> Vec<Sample> {
    let mut out = Vec::new();
    for category in Category::ALL {
        for i in 0..count(category) {
            let id = out.len();
            out.push(sample(seed, category, i, id));
        }
    }
    out
}

/// Fictional holders (made-up names; nobody's data).
const HOLDERS: [(&str, &str, &str); 6] = [
    ("ALEX", "JORDAN", "SAMPLE"),
    ("PRIYA", "", "NATARAJAN"),
    ("MORGAN", "LEE", "EXAMPLE"),
    ("SAM", "", "SPECIMEN"),
    ("TAYLOR", "QUINN", "TESTCARD"),
    ("ROBIN", "", "MODELPERSON"),
];

fn license(rng: &mut Rng) -> LicenseData {
    let version = rng.pick(&[3u8, 8, 9, 10]);
    let country = if rng.unit() < 0.8 {
        Country::Usa
    } else {
        Country::Canada
    };
    let expiry = Date::new(
        2027 + rng.int(0, 4) as u16,
        rng.int(1, 12) as u8,
        rng.int(1, 28) as u8,
    )
    .expect("a valid date");
    let mut data = document::synth::sample_license(version, country, expiry);
    let (first, middle, family) = rng.pick(&HOLDERS);
    data.first_name = first.to_owned();
    data.middle_names = middle.to_owned();
    data.family_name = family.to_owned();
    data.date_of_birth = Date::new(
        1950 + rng.int(0, 55) as u16,
        rng.int(1, 12) as u8,
        rng.int(1, 28) as u8,
    )
    .expect("a valid date");
    data.document_number = format!(
        "{}{:08}",
        rng.pick(&['A', 'D', 'K', 'S', 'T']),
        rng.int(0, 99_999_999)
    );
    data
}

/// Within `margin` pixels of the frame's edges on every side.
fn inside(corners: &[(f32, f32); 4], margin: f32) -> bool {
    corners.iter().all(|&(x, y)| {
        x >= margin
            && y >= margin
            && x <= FRAME_WIDTH as f32 - margin
            && y <= FRAME_HEIGHT as f32 - margin
    })
}

/// The card's roll for item `i`: the three bands 0–5°, 5–10° and 10–15° in turn, either sign.
fn roll_for(i: usize, rng: &mut Rng) -> f32 {
    let band = (i % 3) as f32 * 5.0;
    rng.signed(band, band + 5.0)
}

/// A good placement: centred in the guide, 0.60–0.84 of the frame wide (as wide as the roll
/// allows), mild perspective, at least 16 px from every edge.
fn good_pose(i: usize, rng: &mut Rng) -> Pose {
    good_pose_for(i, rng, crate::CARD_ASPECT)
}

/// [`good_pose`] of a document `aspect` times as wide as high.
fn good_pose_for(i: usize, rng: &mut Rng, aspect: f32) -> Pose {
    let roll = roll_for(i, rng);
    let mut pose = Pose {
        center: (0.5 + rng.signed(0.0, 0.025), 0.5 + rng.signed(0.0, 0.03)),
        width: rng.range(0.60, 0.84),
        roll,
        pitch: rng.signed(0.0, 8.0),
        yaw: rng.signed(0.0, 8.0),
    };
    while !inside(&pose.corners_for(aspect), 16.0) && pose.width > 0.6 {
        pose.width = (pose.width * 0.97).max(0.6);
    }
    if !inside(&pose.corners_for(aspect), 16.0) {
        pose.center = (0.5, 0.5);
        pose.pitch = 0.0;
        pose.yaw = 0.0;
    }
    pose
}

fn normal_optics(rng: &mut Rng) -> Optics {
    Optics {
        exposure_target: rng.range(100.0, 130.0),
        light: 1.0,
        focus_blur: rng.range(0.0, 0.6),
        motion: (0.0, 0.0),
        noise: rng.range(1.2, 2.8),
        jpeg_quality: rng.int(60, 90) as u8,
    }
}

fn sample(seed: u64, category: Category, index: usize, id: usize) -> Sample {
    let mut rng = Rng::new(seed).fork(category as u64 + 1).fork(index as u64);
    let scene_seed = rng.next_u64() as u32;
    if category.is_selfie() {
        return selfie_sample(category, index, id, scene_seed, &mut rng);
    }
    if category.is_mrz() {
        return mrz_sample(category, index, id, scene_seed, &mut rng);
    }
    // Side and tone cycle so that every few captures cover all four kinds of card.
    let side = if index % 2 == 0 {
        Side::Front
    } else {
        Side::Back
    };
    let tone = match category {
        Category::BrightPaper => Tone::Light,
        _ if (index / 2) % 2 == 0 => Tone::Light,
        _ => Tone::Dark,
    };
    let design = CardDesign {
        side,
        tone,
        variant: rng.next_u64() as u32 % 1000,
    };
    let glare_category = matches!(
        category,
        Category::GlareSmall | Category::GlareMedium | Category::GlareLarge
    );
    let surface = match category {
        Category::BrightPaper => rng.pick(&[Surface::Dark, Surface::Dark, Surface::MediumWood]),
        // A light card on a dark desk is overexposed: its paper is as saturated as any
        // reflection, so a reflection on it cannot be seen (that case is "bright paper").
        _ if glare_category && tone == Tone::Light => {
            rng.pick(&[Surface::LightWood, Surface::MediumWood, Surface::Patterned])
        }
        _ => Surface::ALL[(index / 4 + index) % 4],
    };
    let mut optics = normal_optics(&mut rng);
    let mut pose = good_pose(index, &mut rng);
    let mut glare = None;
    let mut card = Some(design);
    match category {
        Category::Good => {}
        Category::BrightPaper => optics.exposure_target = rng.range(140.0, 165.0),
        Category::GlareSmall | Category::GlareMedium | Category::GlareLarge => {
            let radius = match category {
                Category::GlareSmall => rng.range(0.025, 0.035),
                Category::GlareMedium => rng.range(0.05, 0.07),
                _ => rng.range(0.09, 0.12),
            };
            // On a back, half of the reflections fall on the barcode.
            let over_barcode = side == Side::Back && rng.unit() < 0.5;
            glare = Some(Glare {
                at: (
                    rng.range(0.15, 0.85),
                    if over_barcode {
                        rng.range(0.5, 0.85)
                    } else {
                        rng.range(0.2, 0.8)
                    },
                ),
                radius,
                aspect: rng.range(0.6, 1.0),
                angle: rng.range(0.0, std::f32::consts::PI),
                sheen: rng.range(30.0, 70.0),
            });
        }
        Category::Far => pose = far_pose(&mut rng),
        Category::Misplaced => pose = misplaced_pose(index, &mut rng),
        Category::Empty => card = None,
        Category::FocusBlur => {
            optics.focus_blur = rng.range(0.006, 0.012) * pose.width * FRAME_WIDTH as f32;
        }
        Category::MotionBlur => {
            let length = rng.range(0.03, 0.07) * FRAME_WIDTH as f32;
            let angle = rng.range(0.0, std::f32::consts::TAU);
            optics.motion = (length * angle.cos(), length * angle.sin());
        }
        Category::LowLight => {
            optics.light = rng.range(0.03, 0.06);
            optics.noise = rng.range(3.0, 6.0);
        }
        _ => unreachable!("selfies are drawn apart"),
    }
    let license = (card.is_some() && side == Side::Back).then(|| license(&mut rng));
    Sample {
        id,
        category,
        index,
        subject: Subject::Document(card),
        shot: Shot::Document(DocumentScene {
            surface,
            pose,
            aspect: crate::CARD_ASPECT,
            glare,
            optics,
            seed: scene_seed,
        }),
        truth: Truth {
            verdict: category.expected(),
            license,
            mrz: None,
            roll: if card.is_some() { pose.roll } else { 0.0 },
        },
    }
}

/// The whole card in the frame, anywhere, 0.25–0.45 of the frame wide.
fn far_pose(rng: &mut Rng) -> Pose {
    loop {
        let pose = Pose {
            center: (rng.range(0.15, 0.85), rng.range(0.2, 0.8)),
            width: rng.range(0.25, 0.45),
            roll: rng.signed(0.0, 15.0),
            pitch: rng.signed(0.0, 8.0),
            yaw: rng.signed(0.0, 8.0),
        };
        if inside(&pose.corners(), 24.0) {
            return pose;
        }
    }
}

/// Even items: partly out of the frame (8–35 % of the card past an edge). Odd items: fully in
/// the frame and big enough, but its centre at least 0.16 frame widths from the guide's.
fn misplaced_pose(index: usize, rng: &mut Rng) -> Pose {
    let (fw, fh) = (FRAME_WIDTH as f32, FRAME_HEIGHT as f32);
    loop {
        let mut pose = Pose {
            center: (0.5, 0.5),
            width: rng.range(0.45, 0.8),
            roll: rng.signed(0.0, 10.0),
            pitch: rng.signed(0.0, 6.0),
            yaw: rng.signed(0.0, 6.0),
        };
        if index % 2 == 0 {
            let over = rng.range(0.08, 0.35) * pose.width;
            let card_h = pose.width * fw / crate::CARD_ASPECT / fh;
            pose.center = match rng.int(0, 3) {
                0 => (pose.width / 2.0 - over, rng.range(0.35, 0.65)),
                1 => (1.0 - pose.width / 2.0 + over, rng.range(0.35, 0.65)),
                2 => (rng.range(0.35, 0.65), card_h / 2.0 - over * fw / fh),
                _ => (rng.range(0.35, 0.65), 1.0 - card_h / 2.0 + over * fw / fh),
            };
            if !inside(&pose.corners(), 0.0) {
                return pose;
            }
        } else {
            pose.width = rng.range(0.6, 0.66);
            pose.roll = rng.signed(0.0, 5.0);
            pose.center = (0.5 + rng.signed(0.15, 0.2), 0.5 + rng.signed(0.0, 0.12));
            let offset =
                ((pose.center.0 - 0.5).powi(2) + ((pose.center.1 - 0.5) * fh / fw).powi(2)).sqrt();
            if offset >= 0.16 && inside(&pose.corners(), 16.0) {
                return pose;
            }
        }
    }
}

fn selfie_sample(category: Category, index: usize, id: usize, seed: u32, rng: &mut Rng) -> Sample {
    let mut optics = normal_optics(rng);
    let backdrop = rng.pick(&[Backdrop::Wall, Backdrop::Office, Backdrop::DarkWall]);
    let near = |rng: &mut Rng| {
        Some((
            (0.5 + rng.signed(0.0, 0.05), 0.42 + rng.signed(0.0, 0.05)),
            rng.range(0.22, 0.34),
        ))
    };
    let person = match category {
        Category::SelfieNear => near(rng),
        Category::SelfieFar => Some((
            (0.5 + rng.signed(0.0, 0.1), 0.42 + rng.signed(0.0, 0.06)),
            rng.range(0.09, 0.13),
        )),
        Category::SelfieNobody => None,
        _ => {
            optics.light = rng.range(0.03, 0.06);
            optics.noise = rng.range(3.0, 6.0);
            near(rng)
        }
    };
    Sample {
        id,
        category,
        index,
        subject: Subject::Selfie,
        shot: Shot::Selfie(SelfieScene {
            person,
            backdrop,
            optics,
            seed,
        }),
        truth: Truth {
            verdict: category.expected(),
            license: None,
            mrz: None,
            roll: 0.0,
        },
    }
}

/// A passport page or an ID card back: placed as a good capture (rotation in the three bands
/// in turn, mild perspective, any desk, MJPEG 60–90), then blurred or dimmed for those
/// categories.
fn mrz_sample(category: Category, index: usize, id: usize, seed: u32, rng: &mut Rng) -> Sample {
    let format = match category {
        Category::MrzPassport => MrzFormat::Td3,
        Category::MrzIdCard => MrzFormat::Td1,
        _ if index % 2 == 0 => MrzFormat::Td3,
        _ => MrzFormat::Td1,
    };
    let aspect = match format {
        MrzFormat::Td3 => mrz_docs::PAGE_ASPECT,
        MrzFormat::Td1 => crate::CARD_ASPECT,
    };
    let variant = rng.next_u64() as u32 % 1000;
    let surface = Surface::ALL[(index / 4 + index) % 4];
    let mut optics = normal_optics(rng);
    let pose = good_pose_for(index, rng, aspect);
    match category {
        Category::MrzFocusBlur => {
            optics.focus_blur = rng.range(0.006, 0.012) * pose.width * FRAME_WIDTH as f32;
        }
        Category::MrzLowLight => {
            optics.light = rng.range(0.03, 0.06);
            optics.noise = rng.range(3.0, 6.0);
        }
        _ => {}
    }
    let truth = mrz_docs::truth(format, rng);
    Sample {
        id,
        category,
        index,
        subject: Subject::Mrz { format, variant },
        shot: Shot::Document(DocumentScene {
            surface,
            pose,
            aspect,
            glare: None,
            optics,
            seed,
        }),
        truth: Truth {
            verdict: category.expected(),
            license: None,
            mrz: Some(truth),
            roll: pose.roll,
        },
    }
}
